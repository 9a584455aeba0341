package dev.bookwise.query.host;

import dev.bookwise.events.HostRegistered;
import dev.bookwise.query.ProjectionGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

@Component
@ProcessingGroup(ProjectionGroups.HOSTS)
class HostProjection {

    private final JdbcTemplate jdbc;

    HostProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(HostRegistered event, @org.axonframework.eventhandling.Timestamp Instant at, @SequenceNumber long version) {
        jdbc.update("""
                INSERT INTO host_view (host_id, name, email, time_zone, api_key_sha256, registered_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
                    time_zone = EXCLUDED.time_zone, api_key_sha256 = EXCLUDED.api_key_sha256, version = EXCLUDED.version
                WHERE host_view.version < EXCLUDED.version
                """, event.hostId(), event.name(), event.email(), event.timeZone(), event.apiKeySha256(),
                Timestamp.from(at), version);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE host_view");
    }
}
