package dev.bookwise.calendar;

import java.time.Instant;
import java.util.UUID;

/**
 * A booking as the command side knows it. {@code expiresAt} applies while it is RESERVED.
 * It occupies {@code [start - bufferBefore, end + bufferAfter)}.
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
        int bufferAfterMinutes) {}
