package dev.bookwise.command.booking;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Booking;
import dev.bookwise.calendar.BookingStatus;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A new booking's answer: the booking and the attendee's manage token, shown here (and in an
 * idempotent replay of this answer) and nowhere else; only its SHA-256 is kept in the events.
 */
record ReservedBooking(
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
        String manageToken) {

    static ReservedBooking of(Booking booking, String manageToken) {
        return new ReservedBooking(
                booking.bookingId(),
                booking.hostId(),
                booking.status(),
                booking.start(),
                booking.end(),
                booking.expiresAt(),
                booking.attendee(),
                booking.bufferBeforeMinutes(),
                booking.bufferAfterMinutes(),
                booking.eventTypeId(),
                booking.answers(),
                booking.metadata(),
                manageToken);
    }
}
