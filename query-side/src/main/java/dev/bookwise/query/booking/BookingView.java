package dev.bookwise.query.booking;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.BookingStatus;

import java.time.Instant;
import java.util.UUID;

/** A booking as the read model has it; the same fields as the command side's answers, and more. */
public record BookingView(UUID bookingId, UUID hostId, BookingStatus status, Instant start, Instant end,
                          Instant expiresAt, Attendee attendee, int bufferBeforeMinutes, int bufferAfterMinutes,
                          String reason, Instant createdAt, Instant updatedAt) {
}
