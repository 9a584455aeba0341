package dev.bookwise.calendar;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one definition of "this start can be booked now", used by the aggregate to decide and by
 * the query side to list availability, so that what is offered is exactly what is accepted.
 * A start is offered when it is on the grid, not before {@code now + minimumNotice}, before
 * {@code now + horizon}; it is available when its occupied range (buffers included) overlaps no
 * live booking's.
 */
public final class SlotOffer {

    private final SlotGrid grid;
    private final Occupancy occupancy;

    public SlotOffer(SlotGrid grid, Occupancy occupancy) {
        this.grid = grid;
        this.occupancy = occupancy;
    }

    /**
     * @param moving the booking being rescheduled, whose current range does not count, or null
     * @throws BookwiseException slot-not-offered or slot-unavailable
     */
    public Slot check(Instant start, Instant now, UUID moving) {
        Slot slot = grid.slotAt(start)
                .orElseThrow(() -> new BookwiseException(
                        ErrorCode.SLOT_NOT_OFFERED, start + " is not the start of an offered slot"));
        Schedule schedule = grid.schedule();
        if (start.isBefore(now.plus(schedule.minimumNotice()))) {
            throw new BookwiseException(
                    ErrorCode.SLOT_NOT_OFFERED,
                    start + " is in the past or inside the minimum notice of " + schedule.minimumNoticeMinutes()
                            + " minutes");
        }
        if (!start.isBefore(now.plus(schedule.horizon()))) {
            throw new BookwiseException(
                    ErrorCode.SLOT_NOT_OFFERED,
                    start + " is beyond the booking horizon of " + schedule.horizonDays() + " days");
        }
        if (occupancy.overlapsOther(occupiedFrom(slot), occupiedUntil(slot), moving)) {
            throw new BookwiseException(ErrorCode.SLOT_UNAVAILABLE, "the slot at " + start + " is already booked");
        }
        return slot;
    }

    /** Every start in {@code [from, to)} that {@link #check} would accept at {@code now}, ascending. */
    public List<Slot> available(Instant from, Instant to, Instant now) {
        Schedule schedule = grid.schedule();
        Instant earliest = now.plus(schedule.minimumNotice());
        Instant horizon = now.plus(schedule.horizon());
        Instant lower = from.isBefore(earliest) ? earliest : from;
        Instant upper = to.isAfter(horizon) ? horizon : to;
        if (!lower.isBefore(upper)) {
            return List.of();
        }
        List<Slot> offered = grid.slotsStartingIn(lower, upper);
        List<Slot> free = new ArrayList<>(offered.size());
        for (Slot slot : offered) {
            if (!occupancy.overlaps(occupiedFrom(slot), occupiedUntil(slot))) {
                free.add(slot);
            }
        }
        return free;
    }

    public Instant occupiedFrom(Slot slot) {
        return slot.start().minus(grid.schedule().bufferBefore());
    }

    public Instant occupiedUntil(Slot slot) {
        return slot.end().plus(grid.schedule().bufferAfter());
    }
}
