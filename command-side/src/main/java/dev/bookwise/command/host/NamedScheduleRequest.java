package dev.bookwise.command.host;

import dev.bookwise.calendar.DateOverride;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

/**
 * A named schedule: hours in a zone, for event types to use. Slot length, buffers, notice and
 * horizon belong to each event type, so a named schedule carries the Part 1 defaults for them.
 */
record NamedScheduleRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 64) String timeZone,
        Map<DayOfWeek, List<TimeRange>> weeklyHours,
        List<DateOverride> dateOverrides) {

    Schedule toSchedule() {
        Schedule initial = Schedule.initial(timeZone);
        return new Schedule(
                timeZone, initial.slotMinutes(), 0, 0, 0, initial.horizonDays(), weeklyHours, dateOverrides);
    }
}
