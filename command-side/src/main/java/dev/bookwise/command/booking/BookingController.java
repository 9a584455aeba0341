package dev.bookwise.command.booking;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Booking;
import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.command.web.CommandResponses;
import dev.bookwise.commands.CancelBookingCommand;
import dev.bookwise.commands.CompleteBookingCommand;
import dev.bookwise.commands.ConfirmBookingCommand;
import dev.bookwise.commands.RescheduleBookingCommand;
import dev.bookwise.commands.ReserveBookingCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
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

    @PostMapping
    ResponseEntity<Booking> reserve(
            @Valid @RequestBody ReserveBookingRequest body, Caller caller, HttpServletRequest request) {
        caller.requireHost(body.hostId());
        Instant start = body.when().resolve();
        Attendee attendee = body.attendee().toAttendee();
        UUID bookingId = UUID.randomUUID();
        return responses.execute(
                request,
                caller,
                body.hostId(),
                body,
                HttpStatus.CREATED,
                () -> commands.sendAndWait(new ReserveBookingCommand(body.hostId(), bookingId, start, attendee)));
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
                            case RESERVED, EXPIRED ->
                                throw new BookwiseException(
                                        ErrorCode.INVALID_TRANSITION,
                                        "a booking cannot be set to " + body.status()
                                                + "; use CONFIRMED, CANCELLED or COMPLETED");
                        }));
    }

    @PostMapping("/{bookingId}/reschedule")
    ResponseEntity<Booking> reschedule(
            @PathVariable UUID bookingId,
            @Valid @RequestBody RescheduleRequest body,
            Caller caller,
            HttpServletRequest request) {
        UUID hostId = hostOf(bookingId, caller);
        Instant start = body.when().resolve();
        return responses.execute(
                request,
                caller,
                hostId,
                body,
                HttpStatus.OK,
                () -> commands.sendAndWait(new RescheduleBookingCommand(hostId, bookingId, start)));
    }

    private UUID hostOf(UUID bookingId, Caller caller) {
        UUID hostId = directory
                .hostOfBooking(bookingId)
                .orElseThrow(() -> new BookwiseException(ErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId));
        caller.requireHost(hostId);
        return hostId;
    }
}
