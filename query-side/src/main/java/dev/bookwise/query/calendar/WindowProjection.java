package dev.bookwise.query.calendar;

import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.query.ProjectionGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;

/**
 * A host's merged windows. An event older than what the host's rows already reflect is skipped:
 * applied late it would bring back windows a later merge absorbed.
 */
@ProcessingGroup(ProjectionGroups.WINDOWS)
public class WindowProjection {

    private final JdbcTemplate jdbc;
    private final String table;

    public WindowProjection(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    @EventHandler
    void on(AvailabilityWindowMerged event, @SequenceNumber long version) {
        Long applied = jdbc.queryForObject("SELECT max(version) FROM " + table + " WHERE host_id = ?", Long.class,
                event.hostId());
        if (applied != null && applied >= version) {
            return;
        }
        for (AvailabilityWindow absorbed : event.absorbed()) {
            jdbc.update("DELETE FROM " + table + " WHERE host_id = ? AND start_time = ?", event.hostId(),
                    Timestamp.from(absorbed.startTime()));
        }
        AvailabilityWindow window = event.window();
        jdbc.update(("""
                INSERT INTO %1$s (host_id, start_time, end_time, slot_duration, version) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (host_id, start_time) DO UPDATE SET end_time = EXCLUDED.end_time,
                    slot_duration = EXCLUDED.slot_duration, version = EXCLUDED.version
                """).formatted(table), event.hostId(), Timestamp.from(window.startTime()), Timestamp.from(window.endTime()),
                window.slotDuration(), version);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE " + table);
    }
}
