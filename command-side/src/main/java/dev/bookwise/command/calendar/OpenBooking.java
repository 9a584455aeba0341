package dev.bookwise.command.calendar;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Booking;
import dev.bookwise.calendar.BookingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** What the aggregate keeps of a RESERVED or CONFIRMED booking. */
record OpenBooking(
        UUID bookingId,
        BookingStatus status,
        Instant start,
        Instant end,
        int bufferBeforeMinutes,
        int bufferAfterMinutes,
        Attendee attendee,
        Instant expiresAt,
        String expiryDeadlineId) {

    Instant occupiedFrom() {
        return start.minus(Duration.ofMinutes(bufferBeforeMinutes));
    }

    Instant occupiedUntil() {
        return end.plus(Duration.ofMinutes(bufferAfterMinutes));
    }

    OpenBooking withStatus(BookingStatus newStatus) {
        return new OpenBooking(
                bookingId,
                newStatus,
                start,
                end,
                bufferBeforeMinutes,
                bufferAfterMinutes,
                attendee,
                expiresAt,
                expiryDeadlineId);
    }

    OpenBooking movedTo(Instant newStart, Instant newEnd, int newBufferBefore, int newBufferAfter) {
        return new OpenBooking(
                bookingId,
                status,
                newStart,
                newEnd,
                newBufferBefore,
                newBufferAfter,
                attendee,
                expiresAt,
                expiryDeadlineId);
    }

    Booking view(UUID hostId) {
        return new Booking(
                bookingId,
                hostId,
                status,
                start,
                end,
                status == BookingStatus.RESERVED ? expiresAt : null,
                attendee,
                bufferBeforeMinutes,
                bufferAfterMinutes);
    }
}
