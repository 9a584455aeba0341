package dev.bookwise.command.busysource;

import dev.bookwise.calendar.BusyInterval;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Reads what a source says is busy in [from, to); the host's zone places floating and all-day times. */
interface BusyReader {

    List<BusyInterval> read(BusySource source, ZoneId hostZone, Instant from, Instant to) throws BusyReadFailed;

    /** A source that could not be read, in words for {@code lastError}. */
    final class BusyReadFailed extends Exception {

        BusyReadFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
