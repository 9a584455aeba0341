package dev.bookwise.command.busysource;

import java.time.Instant;
import java.util.UUID;

/** A source as the API shows it: never its password. */
record BusySourceResponse(
        UUID id,
        UUID hostId,
        String type,
        String url,
        String username,
        Instant createdAt,
        Instant lastSyncedAt,
        String lastError,
        int busyCount) {

    static BusySourceResponse of(BusySource source) {
        return new BusySourceResponse(
                source.sourceId(),
                source.hostId(),
                source.type(),
                source.url(),
                source.username(),
                source.createdAt(),
                source.lastSyncedAt(),
                source.lastError(),
                source.busyCount());
    }
}
