package dev.bookwise.command.host;

import dev.bookwise.calendar.DateOverride;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

/** Omitted buffers and notice mean none; an omitted horizon means 60 days. */
record ScheduleRequest(
        @NotNull @Size(max = 64) String timeZone,
        @NotNull Integer slotMinutes,
        Integer bufferBeforeMinutes,
        Integer bufferAfterMinutes,
        Integer minimumNoticeMinutes,
        Integer horizonDays,
        Map<DayOfWeek, List<TimeRange>> weeklyHours,
        List<DateOverride> dateOverrides) {

    static final int DEFAULT_HORIZON_DAYS = 60;

    Schedule toSchedule() {
        return new Schedule(
                timeZone,
                slotMinutes,
                orZero(bufferBeforeMinutes),
                orZero(bufferAfterMinutes),
                orZero(minimumNoticeMinutes),
                horizonDays == null ? DEFAULT_HORIZON_DAYS : horizonDays,
                weeklyHours,
                dateOverrides);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
