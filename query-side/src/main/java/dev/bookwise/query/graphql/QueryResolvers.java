package dev.bookwise.query.graphql;

import static dev.bookwise.web.request.IdParams.uuid;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.audit.AuditReads;
import dev.bookwise.query.availability.AvailabilityReads;
import dev.bookwise.query.booking.BookingAccess;
import dev.bookwise.query.booking.BookingPages;
import dev.bookwise.query.booking.BookingRepository;
import dev.bookwise.query.booking.BookingView;
import dev.bookwise.query.eventtype.EventTypeLists;
import dev.bookwise.query.graphql.Nodes.BookingConnection;
import dev.bookwise.query.graphql.Nodes.BookingEdge;
import dev.bookwise.query.graphql.Nodes.EventTypeNode;
import dev.bookwise.query.graphql.Nodes.PageInfo;
import dev.bookwise.query.team.TeamEventTypeLists;
import dev.bookwise.web.auth.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The queries: each one is the REST read of the same data, through the same service, with the same
 * rules and problems. Arguments arrive as the caller wrote them and are checked as REST checks its
 * parameters.
 */
@Controller
class QueryResolvers {

    private final AvailabilityReads availability;
    private final EventTypeLists hostTypes;
    private final TeamEventTypeLists teamTypes;
    private final BookingRepository bookings;
    private final BookingPages pages;
    private final AuditReads audit;

    QueryResolvers(
            AvailabilityReads availability,
            EventTypeLists hostTypes,
            TeamEventTypeLists teamTypes,
            BookingRepository bookings,
            BookingPages pages,
            AuditReads audit) {
        this.availability = availability;
        this.hostTypes = hostTypes;
        this.teamTypes = teamTypes;
        this.bookings = bookings;
        this.pages = pages;
        this.audit = audit;
    }

    /** Anyone: {@code GET /api/availability} with {@code from} and {@code to}. */
    @QueryMapping
    AvailabilityReads.Availability availability(
            @Argument String hostId,
            @Argument String teamId,
            @Argument String eventTypeId,
            @Argument String from,
            @Argument String to,
            @Argument String timezone) {
        return availability.availability(hostId, teamId, eventTypeId, null, from, to, timezone);
    }

    /** {@code GET /api/hosts/{hostId}/event-types} or {@code GET /api/teams/{teamId}/event-types}. */
    @QueryMapping
    List<EventTypeNode> eventTypes(
            @Argument String hostId,
            @Argument String teamId,
            @ContextValue(name = CallerContext.CALLER, required = false) Caller caller) {
        if ((hostId == null) == (teamId == null)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give hostId or teamId, one of them");
        }
        if (hostId != null) {
            return hostTypes.ofHost(uuid("hostId", hostId), caller).stream()
                    .map(EventTypeNode::of)
                    .toList();
        }
        return teamTypes.ofTeam(uuid("teamId", teamId), caller).stream()
                .map(EventTypeNode::of)
                .toList();
    }

    /** {@code GET /api/bookings/{bookingId}}. */
    @QueryMapping
    BookingView booking(
            @Argument String id, @ContextValue(name = CallerContext.CALLER, required = false) Caller caller) {
        Caller known = CallerContext.required(caller);
        UUID bookingId = uuid("id", id);
        BookingView booking = bookings.find(bookingId)
                .orElseThrow(() -> new BookwiseException(ErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId));
        BookingAccess.require(known, booking);
        return booking;
    }

    /**
     * {@code GET /api/hosts/{hostId}/bookings} or {@code GET /api/teams/{teamId}/bookings}: {@code first}
     * is the page's {@code limit}, {@code after} its {@code cursor}, and every edge's cursor is the one a
     * page ending there would have given.
     */
    @QueryMapping
    BookingConnection bookings(
            @Argument String hostId,
            @Argument String teamId,
            @Argument List<String> status,
            @Argument String eventTypeId,
            @Argument String from,
            @Argument String to,
            @Argument Integer first,
            @Argument String after,
            @ContextValue(name = CallerContext.CALLER, required = false) Caller caller) {
        Caller known = CallerContext.required(caller);
        if ((hostId == null) == (teamId == null)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give hostId or teamId, one of them");
        }
        UUID type = eventTypeId == null ? null : uuid("eventTypeId", eventTypeId);
        BookingPages.Page page = hostId != null
                ? pages.hostBookings(uuid("hostId", hostId), from, to, status, type, after, first, known)
                : pages.teamBookings(uuid("teamId", teamId), from, to, status, type, after, first, known);
        List<BookingEdge> edges = page.items().stream()
                .map(booking -> new BookingEdge(booking, BookingPages.cursorAfter(booking)))
                .toList();
        return new BookingConnection(
                edges,
                new PageInfo(
                        page.next() != null,
                        after != null,
                        edges.isEmpty() ? null : edges.get(0).cursor(),
                        edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    /** {@code GET /api/bookings/{bookingId}/history}. */
    @QueryMapping
    List<AuditReads.Entry> bookingHistory(
            @Argument String id, @ContextValue(name = CallerContext.CALLER, required = false) Caller caller) {
        return audit.bookingHistory(uuid("id", id), CallerContext.required(caller));
    }

    /** {@code GET /api/hosts/{hostId}/history?asOf=}. */
    @QueryMapping
    AuditReads.CalendarAsOf calendarAsOf(
            @Argument String hostId,
            @Argument String asOf,
            @ContextValue(name = CallerContext.CALLER, required = false) Caller caller) {
        return audit.hostAsOf(uuid("hostId", hostId), asOf, CallerContext.required(caller));
    }
}
