package dev.bookwise.query.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.Schedule;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The hosts' schedules as the read model has them: the default one (schedule_view) and named ones. */
@Repository
public class Schedules {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    Schedules(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The default schedule the host defined; empty when it has defined none. */
    public Optional<Schedule> defaultSchedule(UUID hostId) {
        return jdbc
                .query(
                        "SELECT schedule::text FROM schedule_view WHERE host_id = ?",
                        (rs, i) -> read(rs.getString(1)),
                        hostId)
                .stream()
                .findFirst();
    }

    /**
     * Each known host's default schedule, the initial one in its zone when it has defined none (what
     * its default event type follows), in one query; unknown hosts are left out.
     */
    public Map<UUID, Schedule> defaultOrInitial(Collection<UUID> hostIds) {
        Map<UUID, Schedule> schedules = new HashMap<>();
        if (!hostIds.isEmpty()) {
            jdbc.query(
                    "SELECT h.host_id, h.time_zone, s.schedule::text FROM host_view h"
                            + " LEFT JOIN schedule_view s ON s.host_id = h.host_id WHERE h.host_id = ANY (?)",
                    rs -> {
                        String stored = rs.getString(3);
                        schedules.put(
                                rs.getObject(1, UUID.class),
                                stored == null ? Schedule.initial(rs.getString(2)) : read(stored));
                    },
                    (Object) hostIds.toArray(UUID[]::new));
        }
        return schedules;
    }

    /** One of the host's named schedules. */
    public Optional<Schedule> named(UUID hostId, UUID scheduleId) {
        return jdbc
                .query(
                        "SELECT schedule::text FROM named_schedule_view WHERE schedule_id = ? AND host_id = ?",
                        (rs, i) -> read(rs.getString(1)),
                        scheduleId,
                        hostId)
                .stream()
                .findFirst();
    }

    private Schedule read(String stored) {
        try {
            return json.readValue(stored, Schedule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schedule row holds a schedule this version cannot read", e);
        }
    }
}
