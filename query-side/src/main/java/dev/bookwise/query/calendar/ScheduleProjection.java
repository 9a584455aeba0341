package dev.bookwise.query.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import dev.bookwise.query.projection.StoredText;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** The host's default schedule in schedule_view; its named schedules in named_schedule_view. */
@ProcessingGroup(ReadModel.SCHEDULES_GROUP)
public class ScheduleProjection {

    private final ProjectionWrites writes;
    private final ObjectMapper json;
    private final String table;
    private final String namedTable;

    public ScheduleProjection(ProjectionWrites writes, ObjectMapper json, String table, String namedTable) {
        this.writes = writes;
        this.json = json;
        this.table = table;
        this.namedTable = namedTable;
    }

    @EventHandler
    void on(ScheduleDefined event, @org.axonframework.eventhandling.Timestamp Instant at, @SequenceNumber long version)
            throws JsonProcessingException {
        if (!event.isDefault()) {
            writes.write(
                    namedTable,
                    event.scheduleId(),
                    ("""
                    INSERT INTO %1$s (schedule_id, host_id, name, schedule, defined_at, version)
                    VALUES (?, ?, ?, ?::jsonb, ?, ?)
                    ON CONFLICT (schedule_id) DO UPDATE SET name = EXCLUDED.name, schedule = EXCLUDED.schedule,
                        defined_at = EXCLUDED.defined_at, version = EXCLUDED.version
                    WHERE %1$s.version < EXCLUDED.version
                    """).formatted(namedTable),
                    event.scheduleId(),
                    event.hostId(),
                    StoredText.of(event.name()),
                    json.writeValueAsString(event.schedule()),
                    Timestamp.from(at),
                    version);
            return;
        }
        writes.write(
                table,
                event.hostId(),
                ("""
                INSERT INTO %1$s (host_id, schedule, defined_at, version) VALUES (?, ?::jsonb, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET schedule = EXCLUDED.schedule, defined_at = EXCLUDED.defined_at,
                    version = EXCLUDED.version
                WHERE %1$s.version < EXCLUDED.version
                """).formatted(table),
                event.hostId(),
                json.writeValueAsString(event.schedule()),
                Timestamp.from(at),
                version);
    }

    @ResetHandler
    void reset() {
        writes.jdbc().update("TRUNCATE " + table + ", " + namedTable);
    }
}
