package dev.bookwise.query.availability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Occupancy;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.Slot;
import dev.bookwise.calendar.SlotGrid;
import dev.bookwise.calendar.SlotOffer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Free slots from the read model, decided by the same {@link SlotOffer} the aggregate decides
 * bookings with: schedule (or the initial one), windows, and the live bookings near the range.
 */
@Service
class AvailabilityService {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AvailabilityService(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Slot> freeSlots(UUID hostId, String hostTimeZone, Instant from, Instant to, Instant now) {
        Schedule schedule = schedule(hostId, hostTimeZone);
        List<AvailabilityWindow> windows = jdbc.query(
                "SELECT start_time, end_time, slot_duration FROM window_view WHERE host_id = ? AND end_time > ? AND start_time < ?",
                (rs, i) -> new AvailabilityWindow(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), rs.getInt(3)),
                hostId, Timestamp.from(from), Timestamp.from(to));
        int longestSlot = Math.max(schedule.slotMinutes(), windows.stream().mapToInt(AvailabilityWindow::slotDuration).max().orElse(0));
        // a slot starting in [from, to) occupies at most [from - bufferBefore, to + longest slot + bufferAfter)
        Instant lower = from.minus(schedule.bufferBefore());
        Instant upper = to.plus(Duration.ofMinutes(longestSlot)).plus(schedule.bufferAfter());
        Occupancy occupancy = new Occupancy();
        jdbc.query("""
                SELECT booking_id, lower(occupied), upper(occupied) FROM booking_view
                WHERE host_id = ? AND status IN ('RESERVED', 'CONFIRMED') AND occupied && tstzrange(?, ?)
                """, rs -> {
            occupancy.add(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant());
        }, hostId, Timestamp.from(lower), Timestamp.from(upper));
        return new SlotOffer(new SlotGrid(schedule, windows), occupancy).available(from, to, now);
    }

    private Schedule schedule(UUID hostId, String hostTimeZone) {
        List<String> stored = jdbc.query("SELECT schedule::text FROM schedule_view WHERE host_id = ?",
                (rs, i) -> rs.getString(1), hostId);
        if (stored.isEmpty()) {
            return Schedule.initial(hostTimeZone);
        }
        try {
            return json.readValue(stored.get(0), Schedule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schedule_view holds a schedule this version cannot read", e);
        }
    }
}
