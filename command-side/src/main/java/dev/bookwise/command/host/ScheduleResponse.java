package dev.bookwise.command.host;

import dev.bookwise.calendar.DateOverride;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.UUID;

record ScheduleResponse(
        UUID hostId,
        String timeZone,
        int slotMinutes,
        int bufferBeforeMinutes,
        int bufferAfterMinutes,
        int minimumNoticeMinutes,
        int horizonDays,
        Map<DayOfWeek, List<TimeRange>> weeklyHours,
        List<DateOverride> dateOverrides) {

    static ScheduleResponse of(UUID hostId, Schedule s) {
        return new ScheduleResponse(
                hostId,
                s.timeZone(),
                s.slotMinutes(),
                s.bufferBeforeMinutes(),
                s.bufferAfterMinutes(),
                s.minimumNoticeMinutes(),
                s.horizonDays(),
                s.weeklyHours(),
                s.dateOverrides());
    }
}
