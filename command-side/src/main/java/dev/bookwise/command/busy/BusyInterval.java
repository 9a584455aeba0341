package dev.bookwise.command.busy;

import java.time.Instant;

/** Time an external calendar says the host is busy: [start, end), never empty. */
public record BusyInterval(Instant start, Instant end) implements Comparable<BusyInterval> {

    public BusyInterval {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a busy interval ends after it starts: " + start + " - " + end);
        }
    }

    @Override
    public int compareTo(BusyInterval other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : end.compareTo(other.end);
    }
}
