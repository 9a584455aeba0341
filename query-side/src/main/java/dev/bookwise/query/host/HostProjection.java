package dev.bookwise.query.host;

import dev.bookwise.events.HostRegistered;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import dev.bookwise.query.projection.StoredText;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

@ProcessingGroup(ReadModel.HOSTS_GROUP)
public class HostProjection {

    private final ProjectionWrites writes;
    private final String table;

    public HostProjection(ProjectionWrites writes, String table) {
        this.writes = writes;
        this.table = table;
    }

    @EventHandler
    void on(HostRegistered event, @org.axonframework.eventhandling.Timestamp Instant at, @SequenceNumber long version) {
        writes.write(
                table,
                event.hostId(),
                ("""
                INSERT INTO %1$s (host_id, name, email, time_zone, api_key_sha256, registered_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
                    time_zone = EXCLUDED.time_zone, api_key_sha256 = EXCLUDED.api_key_sha256, version = EXCLUDED.version
                WHERE %1$s.version < EXCLUDED.version
                """).formatted(table),
                event.hostId(),
                StoredText.of(event.name()),
                StoredText.of(event.email()),
                event.timeZone(),
                event.apiKeySha256(),
                Timestamp.from(at),
                version);
    }

    @ResetHandler
    void reset() {
        writes.jdbc().update("TRUNCATE " + table);
    }
}
