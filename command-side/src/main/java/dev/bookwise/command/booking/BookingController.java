package dev.bookwise.command.booking;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Booking;
import dev.bookwise.command.calendar.TeamBookingDecision;
import dev.bookwise.command.calendar.TeamRefusals;
import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.command.web.CommandResponses;
import dev.bookwise.commands.CancelBookingCommand;
import dev.bookwise.commands.CompleteBookingCommand;
import dev.bookwise.commands.ConfirmBookingCommand;
import dev.bookwise.commands.MarkNoShowCommand;
import dev.bookwise.commands.RescheduleBookingCommand;
import dev.bookwise.commands.ReserveBookingCommand;
import dev.bookwise.commands.ReserveTeamBookingCommand;
import dev.bookwise.commands.TeamBookingCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.ApiKeyFilter;
import dev.bookwise.web.auth.ApiKeys;
import dev.bookwise.web.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/bookings")
class BookingController {

    private final CommandGateway commands;
    private final CommandResponses responses;
    private final CommandDirectory directory;
    private final TeamRefusals teamRefusals;

    BookingController(
            CommandGateway commands,
            CommandResponses responses,
            CommandDirectory directory,
            TeamRefusals teamRefusals) {
        this.commands = commands;
        this.responses = responses;
        this.directory = directory;
        this.teamRefusals = teamRefusals;
    }

    /**
     * Without a key only a public event type may be booked (the per-address rate limit applies and
     * the Idempotency-Key is scoped to the client's address); anything else stays 401.
     */
    @PostMapping
    ResponseEntity<ReservedBooking> reserve(
            @Valid @RequestBody ReserveBookingRequest body, HttpServletRequest request) {
        if ((body.hostId() == null) == (body.teamId() == null)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "name either hostId or teamId");
        }
        Caller caller = (Caller) request.getAttribute(ApiKeyFilter.CALLER);
        boolean anonymous = caller == null;
        if (anonymous) {
            // a key that was sent but not recognised is refused, never taken for no key
            if (body.eventTypeId() == null || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                throw new BookwiseException(
                        ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <admin, host or team key>");
            }
            caller = Caller.publicBooking(request.getRemoteAddr());
        } else if (body.teamId() != null) {
            caller.requireTeam(body.teamId());
        } else {
            caller.requireHost(body.hostId());
        }
        if (body.teamId() != null) {
            return reserveWithTeam(body, caller, anonymous, request);
        }
        Instant start = body.when().resolve();
        Attendee attendee = body.attendee().toAttendee();
        UUID bookingId = UUID.randomUUID();
        String manageToken = ApiKeys.generateManageToken();
        ReserveBookingCommand command = new ReserveBookingCommand(
                body.hostId(),
                bookingId,
                start,
                attendee,
                body.eventTypeId(),
                body.answers(),
                body.metadata(),
                ApiKeys.sha256Hex(manageToken),
                anonymous);
        return responses.execute(
                request,
                caller,
                body.hostId(),
                body,
                HttpStatus.CREATED,
                () -> ReservedBooking.of(commands.sendAndWait(command), manageToken));
    }

    /**
     * A team's event type: the team is the write's lock, and the members' calendars decide
     * ({@code TeamBookings}); the answer names the assigned member, or every member of a collective booking.
     */
    private ResponseEntity<ReservedBooking> reserveWithTeam(
            ReserveBookingRequest body, Caller caller, boolean anonymous, HttpServletRequest request) {
        if (body.eventTypeId() == null) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "a team booking names its eventTypeId");
        }
        directory.requireTeam(body.teamId());
        Instant start = body.when().resolve();
        Attendee attendee = body.attendee().toAttendee();
        String manageToken = ApiKeys.generateManageToken();
        ReserveTeamBookingCommand command = new ReserveTeamBookingCommand(
                body.teamId(),
                UUID.randomUUID(),
                body.eventTypeId(),
                start,
                attendee,
                body.answers(),
                body.metadata(),
                ApiKeys.sha256Hex(manageToken),
                anonymous);
        return responses.executeForTeam(
                request,
                caller,
                body.teamId(),
                body,
                HttpStatus.CREATED,
                () -> ReservedBooking.of(
                        commands.<TeamBookingDecision>sendAndWait(command).orThrow(), manageToken),
                () -> teamRefusals.known(command));
    }

    /** Cancel: the host, the admin, or the attendee with the booking's manage token (within the type's notice). */
    @PostMapping("/{bookingId}/cancel")
    ResponseEntity<Booking> cancel(
            @PathVariable UUID bookingId,
            @Valid @RequestBody(required = false) CancelRequest body,
            Caller caller,
            HttpServletRequest request) {
        CommandDirectory.Place place = managedBy(bookingId, caller);
        String reason = body == null ? null : body.reason();
        return send(
                request,
                caller,
                place,
                body,
                new CancelBookingCommand(place.hostId(), bookingId, reason, caller.attendee()));
    }

    @PatchMapping("/{bookingId}/status")
    ResponseEntity<Booking> changeStatus(
            @PathVariable UUID bookingId,
            @Valid @RequestBody StatusChangeRequest body,
            Caller caller,
            HttpServletRequest request) {
        CommandDirectory.Place place = hostOf(bookingId, caller);
        UUID hostId = place.hostId();
        Object command = switch (body.status()) {
            case CONFIRMED -> new ConfirmBookingCommand(hostId, bookingId, body.reason());
            case CANCELLED -> new CancelBookingCommand(hostId, bookingId, body.reason());
            case COMPLETED -> new CompleteBookingCommand(hostId, bookingId, body.reason());
            case NO_SHOW -> new MarkNoShowCommand(hostId, bookingId, body.reason());
            case RESERVED, EXPIRED ->
                throw new BookwiseException(
                        ErrorCode.INVALID_TRANSITION,
                        "a booking cannot be set to " + body.status()
                                + "; use CONFIRMED, CANCELLED, COMPLETED or NO_SHOW");
        };
        return send(request, caller, place, body, command);
    }

    @PostMapping("/{bookingId}/reschedule")
    ResponseEntity<Booking> reschedule(
            @PathVariable UUID bookingId,
            @Valid @RequestBody RescheduleRequest body,
            Caller caller,
            HttpServletRequest request) {
        CommandDirectory.Place place = managedBy(bookingId, caller);
        Instant start = body.when().resolve();
        return send(
                request,
                caller,
                place,
                body,
                new RescheduleBookingCommand(place.hostId(), bookingId, start, caller.attendee()));
    }

    /** A host's booking goes to its calendar; a team booking to every calendar it is in, with the team locked. */
    private ResponseEntity<Booking> send(
            HttpServletRequest request, Caller caller, CommandDirectory.Place place, Object body, Object command) {
        if (place.teamId() == null) {
            return responses.execute(
                    request, caller, place.hostId(), body, HttpStatus.OK, () -> commands.sendAndWait(command));
        }
        return responses.executeForTeam(
                request,
                caller,
                place.teamId(),
                body,
                HttpStatus.OK,
                () -> commands.sendAndWait(new TeamBookingCommand(place.teamId(), place.hostIds(), command)));
    }

    /** Where the booking is, for its host (any member of a team booking), its team or the admin. */
    private CommandDirectory.Place hostOf(UUID bookingId, Caller caller) {
        CommandDirectory.Place place = placeOf(bookingId, caller);
        requireHostOrTeam(caller, place);
        return place;
    }

    /** Where the booking is, for its host, its team, the admin or the attendee holding its manage token. */
    private CommandDirectory.Place managedBy(UUID bookingId, Caller caller) {
        CommandDirectory.Place place = placeOf(bookingId, caller);
        if (!caller.attendee()) {
            requireHostOrTeam(caller, place);
        }
        return place;
    }

    private static void requireHostOrTeam(Caller caller, CommandDirectory.Place place) {
        if (caller.team() && place.teamId() != null) {
            caller.requireTeam(place.teamId());
        } else if (caller.hostId() != null && place.hostIds().contains(caller.hostId())) {
            caller.requireHost(caller.hostId());
        } else {
            caller.requireHost(place.hostId());
        }
    }

    private CommandDirectory.Place placeOf(UUID bookingId, Caller caller) {
        if (caller.attendee() && !caller.bookingId().equals(bookingId)) {
            // not even whether another booking exists
            throw new BookwiseException(ErrorCode.FORBIDDEN, "this manage token may act only on its own booking");
        }
        return directory
                .placeOfBooking(bookingId)
                .orElseThrow(() -> new BookwiseException(ErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId));
    }
}
