package dev.bookwise.query.booking;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.host.HostRepository;
import dev.bookwise.query.team.TeamRepository;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.paging.Cursors;
import dev.bookwise.web.request.TimeParams;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Pages of a host's or a team's bookings, with the REST API's filters, limits and cursors: every
 * API that lists bookings pages them the same way and refuses the same requests.
 */
@Service
public class BookingPages {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** One page and the cursor of the next one (null on the last page). */
    public record Page(List<BookingView> items, String next) {}

    private final BookingRepository bookings;
    private final HostRepository hosts;
    private final TeamRepository teams;

    BookingPages(BookingRepository bookings, HostRepository hosts, TeamRepository teams) {
        this.bookings = bookings;
        this.hosts = hosts;
        this.teams = teams;
    }

    /** The host's own key or the admin key; {@code from}, {@code to}, {@code cursor} as the caller wrote them. */
    public Page hostBookings(
            UUID hostId,
            String from,
            String to,
            List<String> status,
            UUID eventTypeId,
            String cursor,
            Integer limit,
            Caller caller) {
        caller.requireHost(hostId);
        if (hosts.timeZoneOf(hostId).isEmpty()) {
            throw new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + hostId);
        }
        return page(
                from,
                to,
                status,
                cursor,
                limit,
                (range, after, size) -> bookings.page(
                        hostId,
                        range.from(),
                        range.to(),
                        range.statuses(),
                        eventTypeId,
                        after == null ? null : after.start(),
                        after == null ? null : after.bookingId(),
                        size));
    }

    /**
     * A team's bookings (round robin and collective, one item each), with the filters and paging of
     * a host's: the team's key or the admin key.
     */
    public Page teamBookings(
            UUID teamId,
            String from,
            String to,
            List<String> status,
            UUID eventTypeId,
            String cursor,
            Integer limit,
            Caller caller) {
        caller.requireTeam(teamId);
        if (!teams.exists(teamId)) {
            throw new BookwiseException(ErrorCode.TEAM_NOT_FOUND, "no team " + teamId);
        }
        return page(
                from,
                to,
                status,
                cursor,
                limit,
                (range, after, size) -> bookings.teamPage(
                        teamId,
                        range.from(),
                        range.to(),
                        range.statuses(),
                        eventTypeId,
                        after == null ? null : after.start(),
                        after == null ? null : after.bookingId(),
                        size));
    }

    private record Range(Instant from, Instant to, Set<BookingState> statuses) {}

    @FunctionalInterface
    private interface PageQuery {
        List<BookingView> read(Range range, Cursor after, int size);
    }

    private static Page page(
            String from, String to, List<String> status, String cursor, Integer limit, PageQuery query) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        Instant fromInstant = TimeParams.instant("from", from);
        Instant toInstant = TimeParams.instant("to", to);
        if (fromInstant != null && toInstant != null && toInstant.isBefore(fromInstant)) {
            throw new BookwiseException(ErrorCode.INVALID_RANGE, "to is before from");
        }
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        List<BookingView> items = query.read(new Range(fromInstant, toInstant, statuses(status)), after, size + 1);
        String next = null;
        if (items.size() > size) {
            items = items.subList(0, size);
            BookingView last = items.get(size - 1);
            next = cursorAfter(last);
        }
        return new Page(items, next);
    }

    private static Set<BookingState> statuses(List<String> values) {
        Set<BookingState> statuses = EnumSet.noneOf(BookingState.class);
        if (values != null) {
            for (String value : values) {
                for (String name : value.split(",")) {
                    try {
                        statuses.add(BookingState.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new BookwiseException(ErrorCode.INVALID_REQUEST, "unknown status '" + name + "'");
                    }
                }
            }
        }
        return statuses;
    }

    /** The cursor that points just after {@code booking}: the same one a page's {@code next} is. */
    public static String cursorAfter(BookingView booking) {
        return new Cursor(booking.start(), booking.bookingId()).encode();
    }

    /** Opaque position in a host's bookings ordered by (start, id). */
    record Cursor(Instant start, UUID bookingId) {

        String encode() {
            return Cursors.encode(start, bookingId);
        }

        static Cursor decode(String text) {
            return Cursors.decode(
                    text,
                    2,
                    parts -> new Cursor(
                            TimeParams.checked("cursor", Instant.parse(parts.get(0))), UUID.fromString(parts.get(1))));
        }
    }
}
