package dev.bookwise.query.team;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.teams.TeamMember;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the read model knows of teams: their members, their event types, whose key is whose. */
@Repository
public class TeamRepository {

    /** A team's type and whether it is archived (archived types take no bookings and offer no slots). */
    public record KnownType(TeamEventType type, boolean archived) {}

    private static final TypeReference<List<TeamMember>> MEMBERS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TeamRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The team's members in its order; empty for an unknown team. */
    public Optional<List<TeamMember>> members(UUID teamId) {
        return jdbc
                .query(
                        "SELECT members::text FROM team_view WHERE team_id = ?",
                        (rs, i) -> read(rs.getString(1), MEMBERS),
                        teamId)
                .stream()
                .findFirst();
    }

    /** Teams' members in each team's order, by team, in one query; unknown teams are left out. */
    public Map<UUID, List<TeamMember>> members(Collection<UUID> teamIds) {
        Map<UUID, List<TeamMember>> members = new HashMap<>();
        if (!teamIds.isEmpty()) {
            jdbc.query(
                    "SELECT team_id, members::text FROM team_view WHERE team_id = ANY (?)",
                    rs -> {
                        members.put(rs.getObject(1, UUID.class), read(rs.getString(2), MEMBERS));
                    },
                    (Object) teamIds.toArray(UUID[]::new));
        }
        return members;
    }

    public boolean exists(UUID teamId) {
        return !jdbc.queryForList("SELECT 1 FROM team_view WHERE team_id = ?", Integer.class, teamId)
                .isEmpty();
    }

    public Optional<UUID> teamWithKeyDigest(String apiKeySha256) {
        return jdbc
                .query(
                        "SELECT team_id FROM team_view WHERE api_key_sha256 = ?",
                        (rs, i) -> rs.getObject(1, UUID.class),
                        apiKeySha256)
                .stream()
                .findFirst();
    }

    /** The team's event types by slug. */
    public List<KnownType> eventTypes(UUID teamId) {
        return jdbc.query(
                "SELECT team_event_type::text, archived FROM team_event_type_view WHERE team_id = ? ORDER BY slug",
                (rs, i) -> new KnownType(read(rs.getString(1), TeamEventType.class), rs.getBoolean(2)),
                teamId);
    }

    /** One of the team's event types. */
    public Optional<KnownType> eventType(UUID teamId, UUID eventTypeId) {
        return jdbc
                .query(
                        "SELECT team_event_type::text, archived FROM team_event_type_view"
                                + " WHERE event_type_id = ? AND team_id = ?",
                        (rs, i) -> new KnownType(read(rs.getString(1), TeamEventType.class), rs.getBoolean(2)),
                        eventTypeId,
                        teamId)
                .stream()
                .findFirst();
    }

    /** Team types by id, in one query (a page of team bookings finds its types at once). */
    public Map<UUID, KnownType> eventTypesById(Collection<UUID> eventTypeIds) {
        Map<UUID, KnownType> types = new HashMap<>();
        if (!eventTypeIds.isEmpty()) {
            jdbc.query(
                    "SELECT event_type_id, team_event_type::text, archived FROM team_event_type_view"
                            + " WHERE event_type_id = ANY (?)",
                    rs -> {
                        types.put(
                                rs.getObject(1, UUID.class),
                                new KnownType(read(rs.getString(2), TeamEventType.class), rs.getBoolean(3)));
                    },
                    (Object) eventTypeIds.toArray(UUID[]::new));
        }
        return types;
    }

    /** Teams' names by id, in one query; unknown teams are left out. */
    public Map<UUID, String> names(Collection<UUID> teamIds) {
        Map<UUID, String> names = new HashMap<>();
        if (!teamIds.isEmpty()) {
            jdbc.query(
                    "SELECT team_id, name FROM team_view WHERE team_id = ANY (?)",
                    rs -> {
                        names.put(rs.getObject(1, UUID.class), rs.getString(2));
                    },
                    (Object) teamIds.toArray(UUID[]::new));
        }
        return names;
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a team row holds JSON this version cannot read", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a team row holds JSON this version cannot read", e);
        }
    }
}
