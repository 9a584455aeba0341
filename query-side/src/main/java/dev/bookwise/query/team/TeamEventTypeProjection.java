package dev.bookwise.query.team;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.events.TeamEventTypeArchived;
import dev.bookwise.events.TeamEventTypeDefined;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import dev.bookwise.query.projection.StoredText;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * team_event_type_view: each event type a team defined, as last defined, and whether it is archived.
 * Rows carry the sequence number of the team's event that last wrote them; a type defined again
 * keeps its archived flag.
 */
@ProcessingGroup(ReadModel.TEAMS_GROUP)
public class TeamEventTypeProjection {

    private final ProjectionWrites writes;
    private final ObjectMapper json;
    private final String table;

    public TeamEventTypeProjection(ProjectionWrites writes, ObjectMapper json, String table) {
        this.writes = writes;
        this.json = json;
        this.table = table;
    }

    @EventHandler
    void on(
            TeamEventTypeDefined event,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @SequenceNumber long version)
            throws JsonProcessingException {
        TeamEventType type = event.teamEventType();
        writes.write(
                table,
                type.id(),
                ("""
                INSERT INTO %1$s (event_type_id, team_id, slug, title, team_event_type, is_public, archived,
                    defined_at, version)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, false, ?, ?)
                ON CONFLICT (event_type_id) DO UPDATE SET slug = EXCLUDED.slug, title = EXCLUDED.title,
                    team_event_type = EXCLUDED.team_event_type, is_public = EXCLUDED.is_public,
                    defined_at = EXCLUDED.defined_at, version = EXCLUDED.version
                WHERE %1$s.version < EXCLUDED.version
                """).formatted(table),
                type.id(),
                event.teamId(),
                StoredText.of(type.eventType().slug()),
                StoredText.of(type.eventType().title()),
                StoredText.json(json.writeValueAsString(type)),
                type.eventType().isPublic(),
                Timestamp.from(at),
                version);
    }

    @EventHandler
    void on(TeamEventTypeArchived event, @SequenceNumber long version) {
        writes.write(
                table,
                event.eventTypeId(),
                ("UPDATE %1$s SET archived = true, version = ? WHERE event_type_id = ? AND team_id = ? AND version < ?")
                        .formatted(table),
                version,
                event.eventTypeId(),
                event.teamId(),
                version);
    }

    @ResetHandler
    void reset() {
        writes.jdbc().update("TRUNCATE " + table);
    }
}
