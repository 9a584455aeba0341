package dev.bookwise.calendar.types;

import dev.bookwise.calendar.Slot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One host, one calendar: the live bookings of every event type of a host, and the rule that
 * decides whether one more fits. A booking of type T in a slot occupies
 * {@code [start - T's bufferBefore, end + T's bufferAfter)}; that range may touch but not overlap
 * any other live booking's, except that bookings of the same seated type (seats N &gt; 1) at the
 * same start share the slot, up to N of them. The seats of the type as it is now decide.
 *
 * <p>Bookings are kept sorted by where their occupied range begins, with the lengths of those
 * ranges counted, so that finding the bookings near a slot costs O(log n + nearby bookings)
 * whatever the order in which they arrived.
 */
public final class LiveBookings {

    private final Map<UUID, LiveBooking> byId = new HashMap<>();
    private final TreeMap<Instant, List<LiveBooking>> byOccupiedFrom = new TreeMap<>();
    private final TreeMap<Duration, Integer> occupiedLengths = new TreeMap<>();

    /** Adds a booking, replacing any earlier entry with its id (a booking that moved). */
    public void add(LiveBooking booking) {
        remove(booking.bookingId());
        byId.put(booking.bookingId(), booking);
        byOccupiedFrom
                .computeIfAbsent(booking.occupiedFrom(), from -> new ArrayList<>(1))
                .add(booking);
        occupiedLengths.merge(occupiedLength(booking), 1, Integer::sum);
    }

    /** Removes a booking that is no longer live; nothing happens for an unknown id. */
    public void remove(UUID bookingId) {
        LiveBooking booking = byId.remove(bookingId);
        if (booking == null) {
            return;
        }
        List<LiveBooking> starting = byOccupiedFrom.get(booking.occupiedFrom());
        starting.removeIf(other -> other.bookingId().equals(bookingId));
        if (starting.isEmpty()) {
            byOccupiedFrom.remove(booking.occupiedFrom());
        }
        occupiedLengths.computeIfPresent(occupiedLength(booking), (length, count) -> count == 1 ? null : count - 1);
    }

    public Optional<LiveBooking> get(UUID bookingId) {
        return Optional.ofNullable(byId.get(bookingId));
    }

    public Collection<LiveBooking> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    public int size() {
        return byId.size();
    }

    /**
     * How many more bookings of {@code type} the calendar takes in {@code slot}: 0 when its
     * occupied range overlaps a booking it cannot share with; else the type's seats less the
     * bookings already sharing the slot (at most 1 for an unseated type).
     *
     * @param moving a booking being rescheduled, which does not count, or null
     */
    public int seatsLeft(EventType type, Slot slot, UUID moving) {
        Instant from = slot.start().minus(type.bufferBefore());
        Instant until = slot.end().plus(type.bufferAfter());
        int sharing = 0;
        for (LiveBooking other : overlapping(from, until)) {
            if (Objects.equals(other.bookingId(), moving)) {
                continue;
            }
            if (!other.sharesWith(type, slot.start())) {
                return 0;
            }
            sharing++;
        }
        return Math.max(0, type.seats() - sharing);
    }

    /** {@link #seatsLeft(EventType, Slot, UUID)} for a slot lasting the type's duration. */
    public int seatsLeft(EventType type, Instant start) {
        return seatsLeft(type, new Slot(start, start.plus(type.duration())), null);
    }

    /** Whether one more booking of {@code type} fits in {@code slot}. */
    public boolean accepts(EventType type, Slot slot, UUID moving) {
        return seatsLeft(type, slot, moving) > 0;
    }

    /**
     * {@link #seatsLeft(EventType, Slot, UUID)} without a booking moving, for many slots asked in
     * ascending order of start (what {@link EventTypeOffer#available} asks for every start of a range),
     * in one pass over the bookings as they are now instead of a search per slot.
     */
    public Sweep sweep(EventType type) {
        return new Sweep(type);
    }

    /** See {@link #sweep}: a view of the bookings when it was made; slots asked out of order start it over. */
    public final class Sweep {

        private final EventType type;
        private final LiveBooking[] sorted;
        private final Instant[] occupiedFrom;
        private final Instant[] occupiedUntil;
        private final Duration longest;
        private int low;
        private Instant lastFrom;

        private Sweep(EventType type) {
            this.type = type;
            this.sorted = byOccupiedFrom.values().stream().flatMap(List::stream).toArray(LiveBooking[]::new);
            this.occupiedFrom = new Instant[sorted.length];
            this.occupiedUntil = new Instant[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                occupiedFrom[i] = sorted[i].occupiedFrom();
                occupiedUntil[i] = sorted[i].occupiedUntil();
            }
            this.longest = occupiedLengths.isEmpty() ? Duration.ZERO : occupiedLengths.lastKey();
        }

        /** How many more bookings of the type the calendar takes in {@code slot}. */
        public int seatsLeft(Slot slot) {
            Instant from = slot.start().minus(type.bufferBefore());
            Instant until = slot.end().plus(type.bufferAfter());
            if (sorted.length == 0 || !from.isBefore(until)) {
                return Math.max(0, type.seats());
            }
            if (lastFrom != null && from.isBefore(lastFrom)) {
                low = 0;
            }
            lastFrom = from;
            // as in overlapping: a range beginning at or before from - the longest range ends by from,
            // and so does every one before it for every later slot
            Instant earliest = from.minus(longest);
            while (low < sorted.length && !occupiedFrom[low].isAfter(earliest)) {
                low++;
            }
            int sharing = 0;
            for (int i = low; i < sorted.length && occupiedFrom[i].isBefore(until); i++) {
                if (occupiedUntil[i].isAfter(from)) {
                    if (!sorted[i].sharesWith(type, slot.start())) {
                        return 0;
                    }
                    sharing++;
                }
            }
            return Math.max(0, type.seats() - sharing);
        }
    }

    /** The live bookings whose occupied range overlaps {@code [from, until)}. */
    public List<LiveBooking> overlapping(Instant from, Instant until) {
        if (occupiedLengths.isEmpty() || !from.isBefore(until)) {
            return List.of();
        }
        // a range beginning at or before from - the longest range ends by from
        Instant earliest = from.minus(occupiedLengths.lastKey());
        List<LiveBooking> found = new ArrayList<>();
        for (List<LiveBooking> starting :
                byOccupiedFrom.subMap(earliest, false, until, false).values()) {
            for (LiveBooking booking : starting) {
                if (booking.occupiedUntil().isAfter(from)) {
                    found.add(booking);
                }
            }
        }
        return found;
    }

    private static Duration occupiedLength(LiveBooking booking) {
        return Duration.between(booking.occupiedFrom(), booking.occupiedUntil());
    }
}
