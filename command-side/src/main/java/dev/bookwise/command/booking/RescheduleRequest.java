package dev.bookwise.command.booking;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

record RescheduleRequest(
        Instant start,
        LocalDateTime localStart,
        @Size(max = 64) String timeZone,
        ZoneOffset offset) {

    RequestedStart when() {
        return new RequestedStart(start, localStart, timeZone, offset);
    }
}
