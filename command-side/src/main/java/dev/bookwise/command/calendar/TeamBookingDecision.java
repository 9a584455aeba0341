package dev.bookwise.command.calendar;

import dev.bookwise.calendar.Booking;
import dev.bookwise.errors.BookwiseException;

/**
 * What a team reservation decided: the booking, or why not. A refusal is returned rather than
 * thrown so that the members' calendars it only read stay cached; the caller throws it.
 */
public record TeamBookingDecision(Booking booking, BookwiseException refusal) {

    public Booking orThrow() {
        if (refusal != null) {
            throw refusal;
        }
        return booking;
    }
}
