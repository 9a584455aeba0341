package dev.bookwise.command.host;

import dev.bookwise.calendar.DateOverride;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.UUID;

record NamedScheduleResponse(
        UUID scheduleId,
        UUID hostId,
        String name,
        String timeZone,
        Map<DayOfWeek, List<TimeRange>> weeklyHours,
        List<DateOverride> dateOverrides) {

    static NamedScheduleResponse of(UUID hostId, UUID scheduleId, String name, Schedule s) {
        return new NamedScheduleResponse(scheduleId, hostId, name, s.timeZone(), s.weeklyHours(), s.dateOverrides());
    }
}
