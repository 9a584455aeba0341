package dev.bookwise.calendar.types;

import dev.bookwise.calendar.Slot;
import java.time.Instant;

/**
 * A start that an event type offers now, with how many more bookings it takes: the free seats of
 * the slot, fewer when the day's or week's limit is nearer (1 for a free unseated slot).
 */
public record OfferedSlot(Instant start, Instant end, int seatsLeft) {

    public Slot slot() {
        return new Slot(start, end);
    }
}
