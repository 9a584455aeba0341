package dev.bookwise.command.busysource;

import java.time.Instant;
import java.util.UUID;

/**
 * A connected calendar as stored: {@code url} and {@code password} already opened (never shown),
 * and how its last sync went.
 */
record BusySource(
        UUID sourceId,
        UUID hostId,
        String type,
        String url,
        String server,
        String username,
        String password,
        Instant createdAt,
        Instant lastSyncedAt,
        String lastError,
        int busyCount) {

    static final String ICS = "ics";
    static final String CALDAV = "caldav";
}
