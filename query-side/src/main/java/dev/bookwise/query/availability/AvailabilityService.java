package dev.bookwise.query.availability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Occupancy;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.Slot;
import dev.bookwise.calendar.SlotGrid;
import dev.bookwise.calendar.SlotOffer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Free slots from the read model, decided by the same {@link SlotOffer} the aggregate decides
 * bookings with: schedule (or the initial one), windows, and the live bookings near the range.
 */
@Service
class AvailabilityService {

    record HostSchedule(String timeZone, Schedule schedule) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AvailabilityService(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The host's zone and schedule (the initial one if it has defined none), or empty for an unknown host. */
    Optional<HostSchedule> hostSchedule(UUID hostId) {
        return jdbc
                .query(
                        "SELECT h.time_zone, s.schedule::text FROM host_view h "
                                + "LEFT JOIN schedule_view s ON s.host_id = h.host_id WHERE h.host_id = ?",
                        (rs, i) -> new HostSchedule(
                                rs.getString(1),
                                rs.getString(2) == null ? Schedule.initial(rs.getString(1)) : read(rs.getString(2))),
                        hostId)
                .stream()
                .findFirst();
    }

    List<Slot> freeSlots(UUID hostId, Schedule schedule, Instant from, Instant to, Instant now) {
        List<AvailabilityWindow> windows = jdbc.query(
                "SELECT start_time, end_time, slot_duration FROM window_view WHERE host_id = ? AND end_time > ? AND start_time < ?",
                (rs, i) -> new AvailabilityWindow(
                        rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), rs.getInt(3)),
                hostId,
                Timestamp.from(from),
                Timestamp.from(to));
        int longestSlot = Math.max(
                schedule.slotMinutes(),
                windows.stream()
                        .mapToInt(AvailabilityWindow::slotDuration)
                        .max()
                        .orElse(0));
        // a slot starting in [from, to) occupies at most [from - bufferBefore, to + longest slot + bufferAfter)
        Instant lower = from.minus(schedule.bufferBefore());
        Instant upper = to.plus(Duration.ofMinutes(longestSlot)).plus(schedule.bufferAfter());
        Occupancy occupancy = new Occupancy();
        jdbc.query(
                """
                SELECT booking_id, lower(occupied), upper(occupied) FROM booking_view
                WHERE host_id = ? AND status IN ('RESERVED', 'CONFIRMED') AND occupied && tstzrange(?, ?)
                """,
                rs -> {
                    occupancy.add(
                            rs.getObject(1, UUID.class),
                            rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant());
                },
                hostId,
                Timestamp.from(lower),
                Timestamp.from(upper));
        return new SlotOffer(new SlotGrid(schedule, windows), occupancy).available(from, to, now);
    }

    private Schedule read(String stored) {
        try {
            return json.readValue(stored, Schedule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schedule_view holds a schedule this version cannot read", e);
        }
    }
}
