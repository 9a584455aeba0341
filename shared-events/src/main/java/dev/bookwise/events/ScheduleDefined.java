package dev.bookwise.events;

import dev.bookwise.calendar.Schedule;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * One of the host's schedules was defined or replaced as a whole. {@code scheduleId} null is the
 * host's default schedule (the only one before named schedules existed, so every event stored
 * before them reads as the default schedule); a named schedule has an id and a {@code name}.
 */
@Revision("1")
public record ScheduleDefined(UUID hostId, Schedule schedule, UUID scheduleId, String name) {

    /** The host's default schedule. */
    public ScheduleDefined(UUID hostId, Schedule schedule) {
        this(hostId, schedule, null, null);
    }

    public boolean isDefault() {
        return scheduleId == null;
    }
}
