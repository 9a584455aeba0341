package dev.bookwise.calendar;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The occupied ranges of a host's live bookings (buffers included), which never overlap one
 * another. Answers "does [from, to) overlap any of them" in O(log n).
 */
public final class Occupancy {

    private record Held(Instant until, UUID bookingId) {}

    private final TreeMap<Instant, Held> byStart = new TreeMap<>();

    public void add(UUID bookingId, Instant from, Instant until) {
        byStart.put(from, new Held(until, bookingId));
    }

    public void remove(UUID bookingId, Instant from) {
        Held held = byStart.get(from);
        if (held != null && held.bookingId().equals(bookingId)) {
            byStart.remove(from);
        }
    }

    public boolean overlaps(Instant from, Instant until) {
        return overlapsOther(from, until, null);
    }

    /** As {@link #overlaps} but ignoring the range held by {@code ignored} (a booking being moved). */
    public boolean overlapsOther(Instant from, Instant until, UUID ignored) {
        // ranges are disjoint, so walking back from the last one starting before `until` stops quickly
        for (Map.Entry<Instant, Held> entry :
                byStart.headMap(until, false).descendingMap().entrySet()) {
            if (!entry.getValue().until().isAfter(from)) {
                return false;
            }
            if (!Objects.equals(entry.getValue().bookingId(), ignored)) {
                return true;
            }
        }
        return false;
    }
}
