package dev.bookwise.command.calendar;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Booking;
import dev.bookwise.calendar.BookingStatus;
import dev.bookwise.calendar.Occupancy;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.Slot;
import dev.bookwise.calendar.SlotGrid;
import dev.bookwise.calendar.SlotOffer;
import dev.bookwise.calendar.Zones;
import dev.bookwise.commands.CancelBookingCommand;
import dev.bookwise.commands.CompleteBookingCommand;
import dev.bookwise.commands.ConfirmBookingCommand;
import dev.bookwise.commands.DefineScheduleCommand;
import dev.bookwise.commands.MergeAvailabilityWindowCommand;
import dev.bookwise.commands.RegisterHostCommand;
import dev.bookwise.commands.RescheduleBookingCommand;
import dev.bookwise.commands.ReserveBookingCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One host's calendar: its schedule, its one-off windows and its open bookings. Every booking is
 * decided here against this stream alone. Bookings leave the state once they are cancelled,
 * expired or completed; the snapshot (every {@value dev.bookwise.command.config.CalendarConfig#SNAPSHOT_EVERY} events) holds
 * only what is left.
 */
@Aggregate(snapshotTriggerDefinition = "hostCalendarSnapshotTrigger", cache = "calendarCache")
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class HostCalendar {

    static final String RESERVATION_EXPIRY = "reservation-expiry";

    @AggregateIdentifier
    private UUID hostId;

    private Schedule schedule;
    private List<AvailabilityWindow> windows = new ArrayList<>();
    private Map<UUID, OpenBooking> open = new HashMap<>();

    @JsonIgnore
    private transient SlotOffer offer;

    @JsonIgnore
    private transient Occupancy occupancy;

    protected HostCalendar() {}

    @CommandHandler
    HostCalendar(RegisterHostCommand command) {
        Zones.parse(command.timeZone(), ErrorCode.INVALID_TIME_ZONE);
        apply(new HostRegistered(
                command.hostId(), command.name(), command.email(), command.timeZone(), command.apiKeySha256()));
    }

    @CommandHandler
    Schedule handle(DefineScheduleCommand command) {
        command.schedule().validate();
        apply(new ScheduleDefined(hostId, command.schedule()));
        return schedule;
    }

    @CommandHandler
    AvailabilityWindow handle(MergeAvailabilityWindowCommand command) {
        AvailabilityWindow requested = command.window();
        requested.validate();
        List<AvailabilityWindow> absorbed = new ArrayList<>();
        AvailabilityWindow merged = requested;
        for (AvailabilityWindow existing : windows) {
            if (existing.slotDuration() != requested.slotDuration()) {
                throw new BookwiseException(
                        ErrorCode.SLOT_DURATION_MISMATCH,
                        "this host's windows use " + existing.slotDuration() + "-minute slots, not "
                                + requested.slotDuration());
            }
            if (existing.overlapsOrTouches(requested)) {
                absorbed.add(existing);
                merged = merged.span(existing);
            }
        }
        apply(new AvailabilityWindowMerged(hostId, requested, merged, absorbed));
        return merged;
    }

    @CommandHandler
    Booking handle(ReserveBookingCommand command, ReservationPolicy policy, DeadlineManager deadlines) {
        Instant now = now();
        Slot slot = offer().check(command.start(), now, null);
        Instant expiresAt = now.plus(policy.ttl());
        String deadlineId = deadlines.schedule(
                expiresAt, RESERVATION_EXPIRY, new ReservationExpiryDue(command.bookingId(), hostId));
        apply(new BookingReserved(
                command.bookingId(),
                hostId,
                slot.start(),
                slot.end(),
                schedule.bufferBeforeMinutes(),
                schedule.bufferAfterMinutes(),
                command.attendee(),
                expiresAt,
                deadlineId));
        return open.get(command.bookingId()).view(hostId);
    }

    @CommandHandler
    Booking handle(ConfirmBookingCommand command, DeadlineManager deadlines) {
        OpenBooking booking = requireStatus(command.bookingId(), BookingStatus.CONFIRMED, BookingStatus.RESERVED);
        deadlines.cancelSchedule(RESERVATION_EXPIRY, booking.expiryDeadlineId());
        apply(new BookingConfirmed(booking.bookingId(), hostId, command.reason()));
        return open.get(booking.bookingId()).view(hostId);
    }

    @CommandHandler
    Booking handle(CancelBookingCommand command, DeadlineManager deadlines) {
        OpenBooking booking = requireStatus(
                command.bookingId(), BookingStatus.CANCELLED, BookingStatus.RESERVED, BookingStatus.CONFIRMED);
        if (booking.status() == BookingStatus.RESERVED) {
            deadlines.cancelSchedule(RESERVATION_EXPIRY, booking.expiryDeadlineId());
        }
        apply(new BookingCancelled(booking.bookingId(), hostId, command.reason()));
        return booking.withStatus(BookingStatus.CANCELLED).view(hostId);
    }

    @CommandHandler
    Booking handle(CompleteBookingCommand command) {
        OpenBooking booking = requireStatus(command.bookingId(), BookingStatus.COMPLETED, BookingStatus.CONFIRMED);
        if (booking.end().isAfter(now())) {
            throw new BookwiseException(
                    ErrorCode.INVALID_TRANSITION,
                    "booking " + booking.bookingId() + " cannot be completed before it ends at " + booking.end());
        }
        apply(new BookingCompleted(booking.bookingId(), hostId, command.reason()));
        return booking.withStatus(BookingStatus.COMPLETED).view(hostId);
    }

    @CommandHandler
    Booking handle(RescheduleBookingCommand command) {
        OpenBooking booking = open.get(command.bookingId());
        if (booking == null) {
            throw new BookwiseException(
                    ErrorCode.INVALID_TRANSITION,
                    "booking " + command.bookingId() + " is no longer live and cannot be rescheduled");
        }
        Slot slot = offer().check(command.start(), now(), booking.bookingId());
        apply(new BookingRescheduled(
                booking.bookingId(),
                hostId,
                booking.start(),
                booking.end(),
                slot.start(),
                slot.end(),
                schedule.bufferBeforeMinutes(),
                schedule.bufferAfterMinutes()));
        return open.get(booking.bookingId()).view(hostId);
    }

    @DeadlineHandler(deadlineName = RESERVATION_EXPIRY)
    void on(ReservationExpiryDue due) {
        OpenBooking booking = open.get(due.bookingId());
        if (booking != null && booking.status() == BookingStatus.RESERVED) {
            apply(new BookingExpired(booking.bookingId(), hostId, booking.expiresAt()));
        }
    }

    private OpenBooking requireStatus(UUID bookingId, BookingStatus target, BookingStatus... allowedFrom) {
        OpenBooking booking = open.get(bookingId);
        // bookings that reached a final status have left the state; the booking directory knows they exist
        BookingStatus current = booking == null ? null : booking.status();
        for (BookingStatus allowed : allowedFrom) {
            if (allowed == current) {
                return booking;
            }
        }
        throw new BookwiseException(
                ErrorCode.INVALID_TRANSITION,
                "booking " + bookingId + " cannot become " + target
                        + (current == null ? " after it was cancelled, expired or completed" : " from " + current));
    }

    private static Instant now() {
        // Axon's clock: the wall clock in production, the fixture's clock in tests; milliseconds,
        // as event timestamps and PostgreSQL keep them, so stored and returned instants agree
        return GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private SlotOffer offer() {
        if (offer == null) {
            offer = new SlotOffer(new SlotGrid(schedule, windows), occupancy());
        }
        return offer;
    }

    private Occupancy occupancy() {
        if (occupancy == null) {
            occupancy = new Occupancy();
            open.values().forEach(b -> occupancy.add(b.bookingId(), b.occupiedFrom(), b.occupiedUntil()));
        }
        return occupancy;
    }

    @EventSourcingHandler
    void on(HostRegistered event) {
        hostId = event.hostId();
        schedule = Schedule.initial(event.timeZone());
    }

    @EventSourcingHandler
    void on(ScheduleDefined event) {
        schedule = event.schedule();
        offer = null;
    }

    @EventSourcingHandler
    void on(AvailabilityWindowMerged event) {
        windows.removeAll(event.absorbed());
        windows.add(event.window());
        offer = null;
    }

    @EventSourcingHandler
    void on(BookingReserved event) {
        OpenBooking booking = new OpenBooking(
                event.bookingId(),
                BookingStatus.RESERVED,
                event.start(),
                event.end(),
                event.bufferBeforeMinutes(),
                event.bufferAfterMinutes(),
                event.attendee(),
                event.expiresAt(),
                event.expiryDeadlineId());
        open.put(booking.bookingId(), booking);
        occupancy().add(booking.bookingId(), booking.occupiedFrom(), booking.occupiedUntil());
    }

    @EventSourcingHandler
    void on(BookingConfirmed event) {
        open.computeIfPresent(event.bookingId(), (id, booking) -> booking.withStatus(BookingStatus.CONFIRMED));
    }

    @EventSourcingHandler
    void on(BookingRescheduled event) {
        OpenBooking booking = open.get(event.bookingId());
        occupancy().remove(booking.bookingId(), booking.occupiedFrom());
        OpenBooking moved =
                booking.movedTo(event.start(), event.end(), event.bufferBeforeMinutes(), event.bufferAfterMinutes());
        open.put(moved.bookingId(), moved);
        occupancy().add(moved.bookingId(), moved.occupiedFrom(), moved.occupiedUntil());
    }

    @EventSourcingHandler
    void on(BookingCancelled event) {
        close(event.bookingId());
    }

    @EventSourcingHandler
    void on(BookingExpired event) {
        close(event.bookingId());
    }

    @EventSourcingHandler
    void on(BookingCompleted event) {
        close(event.bookingId());
    }

    private void close(UUID bookingId) {
        OpenBooking booking = open.remove(bookingId);
        if (booking != null) {
            occupancy().remove(bookingId, booking.occupiedFrom());
        }
    }
}
