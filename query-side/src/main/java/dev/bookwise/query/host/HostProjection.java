package dev.bookwise.query.host;

import dev.bookwise.events.HostRegistered;
import dev.bookwise.query.ProjectionGroups;
import dev.bookwise.query.StoredText;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;

@ProcessingGroup(ProjectionGroups.HOSTS)
public class HostProjection {

    private final JdbcTemplate jdbc;
    private final String table;

    public HostProjection(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    @EventHandler
    void on(HostRegistered event, @org.axonframework.eventhandling.Timestamp Instant at, @SequenceNumber long version) {
        jdbc.update(("""
                INSERT INTO %1$s (host_id, name, email, time_zone, api_key_sha256, registered_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
                    time_zone = EXCLUDED.time_zone, api_key_sha256 = EXCLUDED.api_key_sha256, version = EXCLUDED.version
                WHERE %1$s.version < EXCLUDED.version
                """).formatted(table), event.hostId(), StoredText.of(event.name()), StoredText.of(event.email()), event.timeZone(), event.apiKeySha256(),
                Timestamp.from(at), version);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE " + table);
    }
}
