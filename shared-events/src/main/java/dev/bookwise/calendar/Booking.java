package dev.bookwise.calendar;

import java.time.Duration;
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
        int bufferAfterMinutes) {

    public Instant occupiedFrom() {
        return start.minus(Duration.ofMinutes(bufferBeforeMinutes));
    }

    public Instant occupiedUntil() {
        return end.plus(Duration.ofMinutes(bufferAfterMinutes));
    }

    public Booking withStatus(BookingStatus newStatus) {
        return new Booking(bookingId, hostId, newStatus, start, end, expiresAt, attendee,
                bufferBeforeMinutes, bufferAfterMinutes);
    }

    public Booking movedTo(Instant newStart, Instant newEnd, int newBufferBefore, int newBufferAfter) {
        return new Booking(bookingId, hostId, status, newStart, newEnd, expiresAt, attendee,
                newBufferBefore, newBufferAfter);
    }
}
