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
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

@Component
@ProcessingGroup(ProjectionGroups.SCHEDULES)
class ScheduleProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ScheduleProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(ScheduleDefined event, @org.axonframework.eventhandling.Timestamp Instant at, @SequenceNumber long version)
            throws JsonProcessingException {
        jdbc.update("""
                INSERT INTO schedule_view (host_id, schedule, defined_at, version) VALUES (?, ?::jsonb, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET schedule = EXCLUDED.schedule, defined_at = EXCLUDED.defined_at,
                    version = EXCLUDED.version
                WHERE schedule_view.version < EXCLUDED.version
                """, event.hostId(), json.writeValueAsString(event.schedule()), Timestamp.from(at), version);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE schedule_view");
    }
}
