package dev.bookwise.query.booking;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BookingQueryController {

    private final BookingRepository bookings;
    private final BookingPages pages;

    BookingQueryController(BookingRepository bookings, BookingPages pages) {
        this.bookings = bookings;
        this.pages = pages;
    }

    @GetMapping("/api/bookings/{bookingId}")
    BookingView booking(@PathVariable UUID bookingId, Caller caller) {
        BookingView booking = bookings.find(bookingId)
                .orElseThrow(() -> new BookwiseException(ErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId));
        BookingAccess.require(caller, booking);
        return booking;
    }

    @GetMapping("/api/hosts/{hostId}/bookings")
    BookingPages.Page hostBookings(
            @PathVariable UUID hostId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) UUID eventTypeId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        return pages.hostBookings(hostId, from, to, status, eventTypeId, cursor, limit, caller);
    }

    /**
     * A team's bookings (round robin and collective, one item each), with the filters and paging of
     * a host's: the team's key or the admin key.
     */
    @GetMapping("/api/teams/{teamId}/bookings")
    BookingPages.Page teamBookings(
            @PathVariable UUID teamId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) UUID eventTypeId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        return pages.teamBookings(teamId, from, to, status, eventTypeId, cursor, limit, caller);
    }
}
