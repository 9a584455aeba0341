package dev.bookwise.command.booking;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** {@code hostId} for a host's own type, or {@code teamId} (with its {@code eventTypeId}) for a team's. */
record ReserveBookingRequest(
        UUID hostId,
        UUID teamId,
        Instant start,
        LocalDateTime localStart,
        @Size(max = 64) String timeZone,
        ZoneOffset offset,
        @NotNull @Valid AttendeeRequest attendee,
        UUID eventTypeId,
        @Size(max = 50) Map<String, Object> answers,
        @Size(max = 16) Map<String, String> metadata) {

    RequestedStart when() {
        return new RequestedStart(start, localStart, timeZone, offset);
    }
}
