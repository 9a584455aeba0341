package dev.bookwise.query.team;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.events.TeamCreated;
import dev.bookwise.events.TeamMembersChanged;
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
 * team_view: each team with its members as last changed and its key's digest. Rows carry the
 * sequence number of the team's event that last wrote them, so a re-applied older event changes nothing.
 */
@ProcessingGroup(ReadModel.TEAMS_GROUP)
public class TeamProjection {

    private final ProjectionWrites writes;
    private final ObjectMapper json;
    private final String table;

    public TeamProjection(ProjectionWrites writes, ObjectMapper json, String table) {
        this.writes = writes;
        this.json = json;
        this.table = table;
    }

    @EventHandler
    void on(TeamCreated event, @org.axonframework.eventhandling.Timestamp Instant at, @SequenceNumber long version)
            throws JsonProcessingException {
        writes.write(
                table,
                event.teamId(),
                ("""
                INSERT INTO %1$s (team_id, name, members, api_key_sha256, created_at, version)
                VALUES (?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (team_id) DO UPDATE SET name = EXCLUDED.name, members = EXCLUDED.members,
                    api_key_sha256 = EXCLUDED.api_key_sha256, version = EXCLUDED.version
                WHERE %1$s.version < EXCLUDED.version
                """).formatted(table),
                event.teamId(),
                StoredText.of(event.name()),
                StoredText.json(json.writeValueAsString(event.members())),
                event.apiKeySha256(),
                Timestamp.from(at),
                version);
    }

    @EventHandler
    void on(TeamMembersChanged event, @SequenceNumber long version) throws JsonProcessingException {
        writes.write(
                table,
                event.teamId(),
                ("UPDATE %1$s SET members = ?::jsonb, version = ? WHERE team_id = ? AND version < ?").formatted(table),
                StoredText.json(json.writeValueAsString(event.members())),
                version,
                event.teamId(),
                version);
    }

    @ResetHandler
    void reset() {
        writes.jdbc().update("TRUNCATE " + table);
    }
}
