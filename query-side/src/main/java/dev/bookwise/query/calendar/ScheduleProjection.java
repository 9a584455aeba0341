package dev.bookwise.query.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.query.ProjectionGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;

@ProcessingGroup(ProjectionGroups.SCHEDULES)
public class ScheduleProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String table;

    public ScheduleProjection(JdbcTemplate jdbc, ObjectMapper json, String table) {
        this.jdbc = jdbc;
        this.json = json;
        this.table = table;
    }

    @EventHandler
    void on(ScheduleDefined event, @org.axonframework.eventhandling.Timestamp Instant at, @SequenceNumber long version)
            throws JsonProcessingException {
        jdbc.update(("""
                INSERT INTO %1$s (host_id, schedule, defined_at, version) VALUES (?, ?::jsonb, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET schedule = EXCLUDED.schedule, defined_at = EXCLUDED.defined_at,
                    version = EXCLUDED.version
                WHERE %1$s.version < EXCLUDED.version
                """).formatted(table), event.hostId(), json.writeValueAsString(event.schedule()), Timestamp.from(at), version);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE " + table);
    }
}
