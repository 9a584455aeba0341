package dev.bookwise.query.calendar;

import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.query.ProjectionGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** Replaying an event again converges: its absorbed windows are gone and its merged one is there. */
@Component
@ProcessingGroup(ProjectionGroups.WINDOWS)
class WindowProjection {

    private final JdbcTemplate jdbc;

    WindowProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AvailabilityWindowMerged event) {
        for (AvailabilityWindow absorbed : event.absorbed()) {
            jdbc.update("DELETE FROM window_view WHERE host_id = ? AND start_time = ?", event.hostId(),
                    Timestamp.from(absorbed.startTime()));
        }
        AvailabilityWindow window = event.window();
        jdbc.update("""
                INSERT INTO window_view (host_id, start_time, end_time, slot_duration) VALUES (?, ?, ?, ?)
                ON CONFLICT (host_id, start_time) DO UPDATE SET end_time = EXCLUDED.end_time,
                    slot_duration = EXCLUDED.slot_duration
                """, event.hostId(), Timestamp.from(window.startTime()), Timestamp.from(window.endTime()),
                window.slotDuration());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE window_view");
    }
}
