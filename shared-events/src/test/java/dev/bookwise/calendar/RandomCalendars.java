package dev.bookwise.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test data for the property tests: random hours and windows near a zone's daylight-saving change. */
public final class RandomCalendars {

    /** Zones with DST in either hemisphere, half-hour and 45-minute offsets, a 30-minute DST, and UTC. */
    public static final List<String> ZONES = List.of(
            "America/New_York",
            "Europe/London",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "America/Santiago",
            "Asia/Kathmandu",
            "Europe/Paris",
            "UTC");

    private RandomCalendars() {}

    /** The next transition of the zone after a random day of 2025-2026 (that day for a zone without). */
    public static Instant aroundATransition(ZoneId zone, Random random) {
        Instant pivot = Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofDays(random.nextInt(700)));
        ZoneOffsetTransition transition = zone.getRules().nextTransition(pivot);
        return transition == null ? pivot : transition.getInstant();
    }

    /** Random weekly hours, sometimes with an override on the local date of {@code around}. */
    public static Schedule hours(
            String zone, int slot, int before, int after, int notice, int horizon, Instant around, Random random) {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, ranges(random));
        }
        List<DateOverride> overrides = new ArrayList<>();
        if (random.nextBoolean()) {
            overrides.add(new DateOverride(LocalDate.ofInstant(around, ZoneId.of(zone)), ranges(random)));
        }
        Schedule schedule = new Schedule(zone, slot, before, after, notice, horizon, weekly, overrides);
        schedule.validate();
        return schedule;
    }

    /** 0 to 2 disjoint windows on a 5-minute grid from six hours before {@code now}. */
    public static List<AvailabilityWindow> windows(Instant now, Random random) {
        List<AvailabilityWindow> windows = new ArrayList<>();
        Instant cursor = now.minus(Duration.ofHours(6)).truncatedTo(ChronoUnit.HOURS);
        int windowSlot = List.of(20, 25, 30, 40).get(random.nextInt(4));
        for (int i = random.nextInt(3); i > 0; i--) {
            cursor = cursor.plus(Duration.ofMinutes(5L * random.nextInt(24 * 12)));
            Instant end = cursor.plus(Duration.ofMinutes(5L * (1 + random.nextInt(6 * 12))));
            windows.add(new AvailabilityWindow(cursor, end, windowSlot));
            cursor = end.plus(Duration.ofMinutes(5));
        }
        return windows;
    }

    /** 0 to 3 disjoint wall-clock ranges on a 15-minute grid, sometimes through midnight's 24:00. */
    public static List<TimeRange> ranges(Random random) {
        List<TimeRange> ranges = new ArrayList<>();
        int minute = 0;
        for (int i = random.nextInt(4); i > 0 && minute < 24 * 60; i--) {
            int start = minute + 15 * random.nextInt(Math.max(1, (24 * 60 - minute) / 15));
            int end = Math.min(24 * 60, start + 15 * (1 + random.nextInt(40)));
            if (end <= start) {
                break;
            }
            ranges.add(new TimeRange(hhmm(start), hhmm(end)));
            minute = end;
        }
        return ranges;
    }

    private static String hhmm(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
