package dev.bookwise.query.busy;

import dev.bookwise.calendar.BusyInterval;
import dev.bookwise.events.BusySourceRemoved;
import dev.bookwise.events.ExternalBusyTimesSynced;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/** The busy times each host's sources found: what a sync added, less what it removed. Replay-safe. */
@ProcessingGroup(ReadModel.BUSY_TIMES_GROUP)
public class BusyTimeProjection {

    private final ProjectionWrites writes;
    private final String table;

    public BusyTimeProjection(ProjectionWrites writes, String table) {
        this.writes = writes;
        this.table = table;
    }

    @EventHandler
    void on(ExternalBusyTimesSynced event) {
        for (BusyInterval gone : event.removed()) {
            writes.write(
                    table,
                    event.hostId(),
                    "DELETE FROM " + table + " WHERE source_id = ? AND start_time = ? AND end_time = ?",
                    event.sourceId(),
                    Timestamp.from(gone.start()),
                    Timestamp.from(gone.end()));
        }
        for (BusyInterval taken : event.added()) {
            writes.write(
                    table,
                    event.hostId(),
                    "INSERT INTO " + table + " (source_id, host_id, start_time, end_time) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING",
                    event.sourceId(),
                    event.hostId(),
                    Timestamp.from(taken.start()),
                    Timestamp.from(taken.end()));
        }
    }

    @EventHandler
    void on(BusySourceRemoved event) {
        writes.write(table, event.hostId(), "DELETE FROM " + table + " WHERE source_id = ?", event.sourceId());
    }

    @ResetHandler
    void reset() {
        writes.jdbc().update("TRUNCATE " + table);
    }
}
