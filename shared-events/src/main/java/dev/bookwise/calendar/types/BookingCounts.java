package dev.bookwise.calendar.types;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How many bookings that count towards limits (RESERVED, CONFIRMED, COMPLETED; a seat is a
 * booking) each event type holds on each local date of its schedule's zone. It survives the
 * bookings themselves (a completed booking leaves the aggregate's state but still counts), so the
 * aggregate keeps it, snapshots included: add one when a booking is reserved or moved onto a date,
 * take one away when it is cancelled, expires or is moved off a date; completing changes nothing.
 * Immutable; dates with no bookings are not kept. Each change copies the value, so drop the dates
 * that can no longer matter with {@link #withoutDatesBefore} (say, a week before today) to keep
 * it, and the snapshot, small.
 */
public record BookingCounts(Map<UUID, Map<LocalDate, Integer>> perTypeAndDate) {

    public static final BookingCounts NONE = new BookingCounts(Map.of());

    public BookingCounts {
        Map<UUID, Map<LocalDate, Integer>> copy = new HashMap<>();
        if (perTypeAndDate != null) {
            perTypeAndDate.forEach((type, byDate) -> {
                NavigableMap<LocalDate, Integer> dates = new TreeMap<>();
                byDate.forEach((date, count) -> {
                    if (count != null && count > 0) {
                        dates.put(date, count);
                    }
                });
                if (!dates.isEmpty()) {
                    copy.put(type, Collections.unmodifiableNavigableMap(dates));
                }
            });
        }
        perTypeAndDate = Collections.unmodifiableMap(copy);
    }

    /** One more booking of {@code eventTypeId} on {@code date}. */
    public BookingCounts plus(UUID eventTypeId, LocalDate date) {
        return adding(eventTypeId, date, 1);
    }

    /** One booking fewer of {@code eventTypeId} on {@code date}; never below zero. */
    public BookingCounts minus(UUID eventTypeId, LocalDate date) {
        return adding(eventTypeId, date, -1);
    }

    public int onDate(UUID eventTypeId, LocalDate date) {
        return dates(eventTypeId).getOrDefault(date, 0);
    }

    /** The bookings of the ISO week (Monday to Sunday) that {@code date} is in. */
    public int inWeekOf(UUID eventTypeId, LocalDate date) {
        LocalDate monday = weekStart(date);
        return dates(eventTypeId).subMap(monday, true, monday.plusDays(7), false).values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    /**
     * Without the dates before {@code date}; once a date is more than a week in the past in every
     * zone, neither its day nor its week can take bookings any more.
     */
    public BookingCounts withoutDatesBefore(LocalDate date) {
        Map<UUID, Map<LocalDate, Integer>> kept = new HashMap<>();
        perTypeAndDate.forEach((type, byDate) -> kept.put(type, dates(type).tailMap(date, true)));
        return new BookingCounts(kept);
    }

    static LocalDate weekStart(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private NavigableMap<LocalDate, Integer> dates(UUID eventTypeId) {
        Map<LocalDate, Integer> dates = perTypeAndDate.get(eventTypeId);
        return dates == null ? Collections.emptyNavigableMap() : (NavigableMap<LocalDate, Integer>) dates;
    }

    private BookingCounts adding(UUID eventTypeId, LocalDate date, int change) {
        Map<UUID, Map<LocalDate, Integer>> next = new HashMap<>(perTypeAndDate);
        Map<LocalDate, Integer> dates = new TreeMap<>(dates(eventTypeId));
        dates.merge(date, change, Integer::sum);
        next.put(eventTypeId, dates);
        return new BookingCounts(next);
    }
}
