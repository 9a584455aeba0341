package dev.bookwise.query.booking;

import dev.bookwise.web.auth.Caller;

/**
 * Who may read a booking: the admin; its host's key, or the key of any member of a collective
 * booking; the key of the team it was booked through; the attendee holding its manage token.
 */
public final class BookingAccess {

    private BookingAccess() {}

    public static void require(Caller caller, BookingView booking) {
        if (caller.admin() || caller.attendee()) {
            caller.requireBooking(booking.bookingId(), booking.hostId());
            return;
        }
        if (caller.team()) {
            if (caller.teamId().equals(booking.teamId())) {
                return;
            }
            caller.requireTeam(booking.teamId());
            return;
        }
        if (booking.involves(caller.hostId())) {
            return;
        }
        caller.requireHost(booking.hostId());
    }
}
