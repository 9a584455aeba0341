package dev.bookwise.calendar;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host's recurring availability: weekly wall-clock hours and date overrides in {@code timeZone},
 * the slot grid, buffers around bookings, minimum notice and how far ahead bookings are taken.
 */
public record Schedule(
        String timeZone,
        int slotMinutes,
        int bufferBeforeMinutes,
        int bufferAfterMinutes,
        int minimumNoticeMinutes,
        int horizonDays,
        Map<DayOfWeek, List<TimeRange>> weeklyHours,
        List<DateOverride> dateOverrides) {

    public static final int MAX_SLOT_MINUTES = 24 * 60;
    public static final int MAX_BUFFER_MINUTES = 24 * 60;
    public static final int MAX_NOTICE_MINUTES = 365 * 24 * 60;
    public static final int MAX_HORIZON_DAYS = 3 * 365;
    public static final int MAX_OVERRIDES = 1000;
    public static final int MAX_RANGES_PER_DAY = 48;

    public Schedule {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        if (weeklyHours != null) {
            weeklyHours.forEach((day, ranges) -> {
                if (day != null) {
                    weekly.put(day, ranges == null ? List.of() : List.copyOf(ranges));
                }
            });
        }
        weeklyHours = Collections.unmodifiableMap(weekly);
        dateOverrides = dateOverrides == null ? List.of() : List.copyOf(dateOverrides);
    }

    /** The schedule a host has before defining one: its own zone, no weekly hours, windows only. */
    public static Schedule initial(String timeZone) {
        return new Schedule(timeZone, 30, 0, 0, 0, 60, Map.of(), List.of());
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Duration slotLength() {
        return Duration.ofMinutes(slotMinutes);
    }

    public Duration bufferBefore() {
        return Duration.ofMinutes(bufferBeforeMinutes);
    }

    public Duration bufferAfter() {
        return Duration.ofMinutes(bufferAfterMinutes);
    }

    public Duration minimumNotice() {
        return Duration.ofMinutes(minimumNoticeMinutes);
    }

    public Duration horizon() {
        return Duration.ofDays(horizonDays);
    }

    public LeadTime leadTime() {
        return new LeadTime(minimumNoticeMinutes, horizonDays);
    }

    /** The hours of one local date: its override if there is one, else its weekday's hours. */
    public List<TimeRange> hoursOn(LocalDate date) {
        for (DateOverride override : dateOverrides) {
            if (override.date().equals(date)) {
                return override.hours();
            }
        }
        return weeklyHours.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** @throws BookwiseException invalid-schedule naming the first rule the schedule breaks */
    public void validate() {
        if (!Zones.isKnown(timeZone)) {
            throw invalid("unknown time zone '" + timeZone + "'");
        }
        if (slotMinutes <= 0 || slotMinutes > MAX_SLOT_MINUTES) {
            throw invalid("slotMinutes must be between 1 and " + MAX_SLOT_MINUTES);
        }
        if (bufferBeforeMinutes < 0
                || bufferAfterMinutes < 0
                || bufferBeforeMinutes > MAX_BUFFER_MINUTES
                || bufferAfterMinutes > MAX_BUFFER_MINUTES) {
            throw invalid("buffers must be between 0 and " + MAX_BUFFER_MINUTES + " minutes");
        }
        if (minimumNoticeMinutes < 0 || minimumNoticeMinutes > MAX_NOTICE_MINUTES) {
            throw invalid("minimumNoticeMinutes must be between 0 and " + MAX_NOTICE_MINUTES);
        }
        if (horizonDays <= 0 || horizonDays > MAX_HORIZON_DAYS) {
            throw invalid("horizonDays must be between 1 and " + MAX_HORIZON_DAYS);
        }
        weeklyHours.forEach((day, ranges) -> validateDay(day.toString(), ranges));
        if (dateOverrides.size() > MAX_OVERRIDES) {
            throw invalid("at most " + MAX_OVERRIDES + " date overrides");
        }
        Set<LocalDate> seen = new HashSet<>();
        for (DateOverride override : dateOverrides) {
            if (override.date() == null) {
                throw invalid("a date override has no date");
            }
            if (!seen.add(override.date())) {
                throw invalid("date " + override.date() + " is overridden twice");
            }
            validateDay(override.date().toString(), override.hours());
        }
    }

    private static void validateDay(String day, List<TimeRange> ranges) {
        if (ranges.size() > MAX_RANGES_PER_DAY) {
            throw invalid(day + " has more than " + MAX_RANGES_PER_DAY + " ranges");
        }
        List<TimeRange> sorted = new ArrayList<>();
        for (TimeRange range : ranges) {
            if (range == null) {
                throw invalid(day + " has an empty range");
            }
            range.validate();
            sorted.add(range);
        }
        sorted.sort(Comparator.comparingInt(TimeRange::startMinute));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).startMinute() < sorted.get(i - 1).endMinute()) {
                throw invalid(day + ": ranges " + sorted.get(i - 1).start() + "-"
                        + sorted.get(i - 1).end() + " and " + sorted.get(i).start() + "-"
                        + sorted.get(i).end() + " overlap");
            }
        }
    }

    private static BookwiseException invalid(String detail) {
        return new BookwiseException(ErrorCode.INVALID_SCHEDULE, detail);
    }
}
