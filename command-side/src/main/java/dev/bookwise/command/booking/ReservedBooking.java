package dev.bookwise.command.booking;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.bookwise.calendar.Booking;

/**
 * A new booking's answer: the booking's fields and the attendee's manage token, shown here (and in
 * an idempotent replay of this answer) and nowhere else; only its SHA-256 is kept in the events.
 */
record ReservedBooking(@JsonUnwrapped Booking booking, String manageToken) {

    static ReservedBooking of(Booking booking, String manageToken) {
        return new ReservedBooking(booking, manageToken);
    }
}
