package dev.bookwise.calendar;

import dev.bookwise.calendar.types.LiveBooking;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Time a host's own calendar (an ICS feed, a CalDAV collection) says is taken: [start, end), UTC.
 * In the host's calendar it occupies its range like a booking that shares with nothing.
 */
public record BusyInterval(Instant start, Instant end) implements Comparable<BusyInterval> {

    public BusyInterval {
        if (start == null || end == null || !start.isBefore(end)) {
            throw new IllegalArgumentException("a busy interval needs start < end: " + start + ", " + end);
        }
    }

    /** As the calendar's live bookings hold it: a stable id from its source and range, no type, no buffers. */
    public LiveBooking asLiveBooking(UUID sourceId) {
        UUID id = UUID.nameUUIDFromBytes((sourceId + "/" + start + "/" + end).getBytes(StandardCharsets.UTF_8));
        return new LiveBooking(id, null, start, end, 0, 0);
    }

    @Override
    public int compareTo(BusyInterval other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : end.compareTo(other.end);
    }
}
