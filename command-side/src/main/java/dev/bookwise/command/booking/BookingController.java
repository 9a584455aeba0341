package dev.bookwise.command.booking;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Booking;
import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.command.web.CommandResponses;
import dev.bookwise.commands.CancelBookingCommand;
import dev.bookwise.commands.CompleteBookingCommand;
import dev.bookwise.commands.ConfirmBookingCommand;
import dev.bookwise.commands.MarkNoShowCommand;
import dev.bookwise.commands.RescheduleBookingCommand;
import dev.bookwise.commands.ReserveBookingCommand;
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

    BookingController(CommandGateway commands, CommandResponses responses, CommandDirectory directory) {
        this.commands = commands;
        this.responses = responses;
        this.directory = directory;
    }

    /**
     * Without a key only a public event type may be booked (the per-address rate limit applies and
     * the Idempotency-Key is scoped to the client's address); anything else stays 401.
     */
    @PostMapping
    ResponseEntity<ReservedBooking> reserve(
            @Valid @RequestBody ReserveBookingRequest body, HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(ApiKeyFilter.CALLER);
        boolean anonymous = caller == null;
        if (anonymous) {
            // a key that was sent but not recognised is refused, never taken for no key
            if (body.eventTypeId() == null || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                throw new BookwiseException(
                        ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <admin or host key>");
            }
            caller = Caller.publicBooking(request.getRemoteAddr());
        } else {
            caller.requireHost(body.hostId());
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

    /** Cancel: the host, the admin, or the attendee with the booking's manage token (within the type's notice). */
    @PostMapping("/{bookingId}/cancel")
    ResponseEntity<Booking> cancel(
            @PathVariable UUID bookingId,
            @Valid @RequestBody(required = false) CancelRequest body,
            Caller caller,
            HttpServletRequest request) {
        UUID hostId = managedBy(bookingId, caller);
        String reason = body == null ? null : body.reason();
        return responses.execute(
                request,
                caller,
                hostId,
                body,
                HttpStatus.OK,
                () -> commands.sendAndWait(new CancelBookingCommand(hostId, bookingId, reason, caller.attendee())));
    }

    @PatchMapping("/{bookingId}/status")
    ResponseEntity<Booking> changeStatus(
            @PathVariable UUID bookingId,
            @Valid @RequestBody StatusChangeRequest body,
            Caller caller,
            HttpServletRequest request) {
        UUID hostId = hostOf(bookingId, caller);
        return responses.execute(
                request,
                caller,
                hostId,
                body,
                HttpStatus.OK,
                () -> commands.sendAndWait(
                        switch (body.status()) {
                            case CONFIRMED -> new ConfirmBookingCommand(hostId, bookingId, body.reason());
                            case CANCELLED -> new CancelBookingCommand(hostId, bookingId, body.reason());
                            case COMPLETED -> new CompleteBookingCommand(hostId, bookingId, body.reason());
                            case NO_SHOW -> new MarkNoShowCommand(hostId, bookingId, body.reason());
                            case RESERVED, EXPIRED ->
                                throw new BookwiseException(
                                        ErrorCode.INVALID_TRANSITION,
                                        "a booking cannot be set to " + body.status()
                                                + "; use CONFIRMED, CANCELLED, COMPLETED or NO_SHOW");
                        }));
    }

    @PostMapping("/{bookingId}/reschedule")
    ResponseEntity<Booking> reschedule(
            @PathVariable UUID bookingId,
            @Valid @RequestBody RescheduleRequest body,
            Caller caller,
            HttpServletRequest request) {
        UUID hostId = managedBy(bookingId, caller);
        Instant start = body.when().resolve();
        return responses.execute(
                request,
                caller,
                hostId,
                body,
                HttpStatus.OK,
                () -> commands.sendAndWait(new RescheduleBookingCommand(hostId, bookingId, start, caller.attendee())));
    }

    /** The booking's host, for the host or the admin. */
    private UUID hostOf(UUID bookingId, Caller caller) {
        UUID hostId = hostOfBooking(bookingId, caller);
        caller.requireHost(hostId);
        return hostId;
    }

    /** The booking's host, for the host, the admin or the attendee holding the booking's manage token. */
    private UUID managedBy(UUID bookingId, Caller caller) {
        UUID hostId = hostOfBooking(bookingId, caller);
        caller.requireBooking(bookingId, hostId);
        return hostId;
    }

    private UUID hostOfBooking(UUID bookingId, Caller caller) {
        if (caller.attendee() && !caller.bookingId().equals(bookingId)) {
            // not even whether another booking exists
            throw new BookwiseException(ErrorCode.FORBIDDEN, "this manage token may act only on its own booking");
        }
        return directory
                .hostOfBooking(bookingId)
                .orElseThrow(() -> new BookwiseException(ErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId));
    }
}
