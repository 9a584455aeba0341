package dev.bookwise.query.calendar;

import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * A host's merged windows. An event older than what the host's rows already reflect is skipped:
 * applied late it would bring back windows a later merge absorbed.
 */
@ProcessingGroup(ReadModel.WINDOWS_GROUP)
public class WindowProjection {

    private final ProjectionWrites writes;
    private final String table;

    public WindowProjection(ProjectionWrites writes, String table) {
        this.writes = writes;
        this.table = table;
    }

    @EventHandler
    void on(AvailabilityWindowMerged event, @SequenceNumber long version) {
        writes.flush(); // the check below must see this batch's earlier merges
        Long applied = writes.jdbc()
                .queryForObject("SELECT max(version) FROM " + table + " WHERE host_id = ?", Long.class, event.hostId());
        if (applied != null && applied >= version) {
            return;
        }
        for (AvailabilityWindow absorbed : event.absorbed()) {
            writes.write(
                    table,
                    event.hostId(),
                    "DELETE FROM " + table + " WHERE host_id = ? AND start_time = ?",
                    event.hostId(),
                    Timestamp.from(absorbed.startTime()));
        }
        AvailabilityWindow window = event.window();
        writes.write(
                table,
                event.hostId(),
                ("""
                INSERT INTO %1$s (host_id, start_time, end_time, slot_duration, version) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (host_id, start_time) DO UPDATE SET end_time = EXCLUDED.end_time,
                    slot_duration = EXCLUDED.slot_duration, version = EXCLUDED.version
                """).formatted(table),
                event.hostId(),
                Timestamp.from(window.startTime()),
                Timestamp.from(window.endTime()),
                window.slotDuration(),
                version);
    }

    @ResetHandler
    void reset() {
        writes.jdbc().update("TRUNCATE " + table);
    }
}
