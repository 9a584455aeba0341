package dev.bookwise.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A booking as the command side knows it. {@code expiresAt} applies while it is RESERVED;
 * {@code eventTypeId} is the kind of meeting (the host's default type's id for Part 1 bookings).
 * It occupies {@code [start - bufferBefore, end + bufferAfter)}. {@code teamId}: booked through a
 * team's event type; {@code hostIds}: every member a collective booking occupies.
 */
public record Booking(
        UUID bookingId,
        UUID hostId,
        BookingStatus status,
        Instant start,
        Instant end,
        Instant expiresAt,
        Attendee attendee,
        int bufferBeforeMinutes,
        int bufferAfterMinutes,
        UUID eventTypeId,
        Map<String, Object> answers,
        Map<String, String> metadata,
        UUID teamId,
        List<UUID> hostIds) {

    public Booking {
        answers = answers == null ? Map.of() : answers;
        metadata = metadata == null ? Map.of() : metadata;
    }
}
