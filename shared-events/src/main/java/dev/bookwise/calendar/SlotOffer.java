package dev.bookwise.calendar;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        grid.schedule().leadTime().check(start, now);
        if (occupancy.overlapsOther(occupiedFrom(slot), occupiedUntil(slot), moving)) {
            throw new BookwiseException(ErrorCode.SLOT_UNAVAILABLE, "the slot at " + start + " is already booked");
        }
        return slot;
    }

    /** Every start in {@code [from, to)} that {@link #check} would accept at {@code now}, ascending. */
    public List<Slot> available(Instant from, Instant to, Instant now) {
        Optional<Slot> bookable = grid.schedule().leadTime().clamp(from, to, now);
        if (bookable.isEmpty()) {
            return List.of();
        }
        List<Slot> offered =
                grid.slotsStartingIn(bookable.get().start(), bookable.get().end());
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
