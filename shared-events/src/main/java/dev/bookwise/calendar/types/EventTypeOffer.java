package dev.bookwise.calendar.types;

import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.LeadTime;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.Slot;
import dev.bookwise.calendar.SlotGrid;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one definition of "a booking of this event type can start here now", for the aggregate to
 * decide and the query side to list, so that every listed start is accepted and every accepted
 * start is listed, with the same {@code seatsLeft}. A start is offered when the type's grid has
 * it ({@link SlotGrid}: a slot of the type's duration every slot interval from the start of each
 * range of its schedule, and the given windows' slots), within the type's minimum notice and
 * horizon ({@link LeadTime}); it is available while the host's calendar has a seat for it
 * ({@link LiveBookings}) and the type's day and week are under their limits
 * ({@link BookingLimitPolicy}).
 */
public final class EventTypeOffer {

    private final EventType type;
    private final SlotGrid grid;
    private final LiveBookings bookings;
    private final BookingLimitPolicy limits;

    /**
     * @param schedule the type's schedule: its zone, weekly hours and overrides are read, and the
     *     zone dates the limits; its slot length, buffers, notice and horizon are the type's
     * @param windows one-off windows offered for this type, each cut into its own
     *     {@code slotDuration} as in Part 1 (the host's windows for its default type, else none)
     * @param bookings the live bookings of the host, every type; read at each call
     * @param counts the host's bookings per type and date that count towards limits; an immutable
     *     value, so build a new offer once they change
     */
    public EventTypeOffer(
            EventType type,
            Schedule schedule,
            List<AvailabilityWindow> windows,
            LiveBookings bookings,
            BookingCounts counts) {
        this.type = type;
        this.grid = new SlotGrid(schedule, type.duration(), type.slotInterval(), windows);
        this.bookings = bookings;
        this.limits = new BookingLimitPolicy(type, schedule.zone(), counts);
    }

    /**
     * @param moving the booking being rescheduled, whose place and count do not count, or null
     * @return the slot and how many bookings it takes, this one included
     * @throws BookwiseException slot-not-offered, slot-unavailable or booking-limit-reached
     */
    public OfferedSlot check(Instant start, Instant now, UUID moving) {
        Slot slot = grid.slotAt(start)
                .orElseThrow(() -> new BookwiseException(
                        ErrorCode.SLOT_NOT_OFFERED, start + " is not the start of an offered slot"));
        type.leadTime().check(start, now);
        int seats = bookings.seatsLeft(type, slot, moving);
        if (seats == 0) {
            throw new BookwiseException(ErrorCode.SLOT_UNAVAILABLE, "the slot at " + start + " is already booked");
        }
        Instant movingFrom = movingStart(moving);
        limits.check(start, movingFrom);
        return new OfferedSlot(slot.start(), slot.end(), Math.min(seats, limits.remaining(start, movingFrom)));
    }

    /** Every start in {@code [from, to)} that {@link #check} accepts at {@code now}, ascending. */
    public List<OfferedSlot> available(Instant from, Instant to, Instant now) {
        Optional<Slot> bookable = type.leadTime().clamp(from, to, now);
        if (bookable.isEmpty()) {
            return List.of();
        }
        List<Slot> offered =
                grid.slotsStartingIn(bookable.get().start(), bookable.get().end());
        List<OfferedSlot> free = new ArrayList<>(offered.size());
        LiveBookings.Sweep seats = bookings.sweep(type);
        for (Slot slot : offered) {
            int left = seats.seatsLeft(slot);
            if (left > 0) {
                left = Math.min(left, limits.remaining(slot.start(), null));
            }
            if (left > 0) {
                free.add(new OfferedSlot(slot.start(), slot.end(), left));
            }
        }
        return free;
    }

    /** The calendar entry of a booking of this type accepted in {@code slot}. */
    public LiveBooking booking(UUID bookingId, Slot slot) {
        return new LiveBooking(
                bookingId, type.id(), slot.start(), slot.end(), type.bufferBeforeMinutes(), type.bufferAfterMinutes());
    }

    /** The date a booking of this type starting at {@code start} counts on for limits. */
    public LocalDate countedOn(Instant start) {
        return limits.countedOn(start);
    }

    private Instant movingStart(UUID moving) {
        return bookings.get(moving)
                .filter(booking -> type.id().equals(booking.eventTypeId()))
                .map(LiveBooking::start)
                .orElse(null);
    }
}
