package dev.bookwise.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where slots start, before any booking, notice or horizon is considered: each wall-clock range
 * of the schedule, turned into instants day by day, offers a slot of the grid's length every
 * interval from its start (by default both are the schedule's {@code slotMinutes}), as long as
 * the slot fits in the range; each one-off window is cut into {@code slotDuration} slots from its
 * start. Where both offer the same start, the schedule's slot is the one offered.
 */
public final class SlotGrid {

    private final Schedule schedule;
    private final Duration slotLength;
    private final Duration slotInterval;
    private final ZoneRules rules;
    private final ZoneId zone;
    private final List<AvailabilityWindow> windows;

    /** @param windows disjoint windows (as the aggregate keeps them) in any order */
    public SlotGrid(Schedule schedule, List<AvailabilityWindow> windows) {
        this(schedule, schedule.slotLength(), schedule.slotLength(), windows);
    }

    /**
     * A grid whose schedule slots last {@code slotLength} and start every {@code slotInterval}
     * from the start of each range; only the schedule's zone, weekly hours and overrides are read.
     *
     * @param windows disjoint windows (as the aggregate keeps them) in any order, cut as always
     */
    public SlotGrid(Schedule schedule, Duration slotLength, Duration slotInterval, List<AvailabilityWindow> windows) {
        if (slotLength.getSeconds() < 1 || slotInterval.getSeconds() < 1) {
            throw new IllegalArgumentException("slot length and interval must be at least a second");
        }
        this.schedule = schedule;
        this.slotLength = slotLength;
        this.slotInterval = slotInterval;
        this.zone = schedule.zone();
        this.rules = zone.getRules();
        List<AvailabilityWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparing(AvailabilityWindow::startTime));
        this.windows = Collections.unmodifiableList(sorted);
    }

    public Schedule schedule() {
        return schedule;
    }

    /** How long each schedule slot lasts. */
    public Duration slotLength() {
        return slotLength;
    }

    /** How far apart schedule slots start within a range. */
    public Duration slotInterval() {
        return slotInterval;
    }

    /** The grid slot starting exactly at {@code start}, if any. */
    public Optional<Slot> slotAt(Instant start) {
        LocalDate date = LocalDate.ofInstant(start, zone);
        // a day's range may end at 24:00, and zones shift local dates around transitions
        for (LocalDate day = date.minusDays(1); !day.isAfter(date.plusDays(1)); day = day.plusDays(1)) {
            for (Slot piece : pieces(day)) {
                Optional<Slot> slot = alignedIn(piece, slotLength, slotInterval, start);
                if (slot.isPresent()) {
                    return slot;
                }
            }
        }
        int index = lastWindowStartingAtOrBefore(start);
        if (index >= 0) {
            AvailabilityWindow window = windows.get(index);
            return alignedIn(
                    new Slot(window.startTime(), window.endTime()), window.slotLength(), window.slotLength(), start);
        }
        return Optional.empty();
    }

    /** Every grid slot with {@code from <= start < to}, ascending by start. */
    public List<Slot> slotsStartingIn(Instant from, Instant to) {
        List<Slot> byStart = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(from, zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (Slot piece : pieces(day)) {
                cut(piece, slotLength, slotInterval, from, to, byStart);
            }
        }
        int index = Math.max(0, lastWindowStartingAtOrBefore(from));
        for (int i = index; i < windows.size() && windows.get(i).startTime().isBefore(to); i++) {
            AvailabilityWindow window = windows.get(i);
            cut(
                    new Slot(window.startTime(), window.endTime()),
                    window.slotLength(),
                    window.slotLength(),
                    from,
                    to,
                    byStart);
        }
        return ascendingByStart(byStart);
    }

    /**
     * The slots in order of start, one per start: the first one offered there (the schedule's slots
     * are offered before the windows'). Usually they come ascending already, day after day.
     */
    private static List<Slot> ascendingByStart(List<Slot> slots) {
        for (int i = 1; i < slots.size(); i++) {
            if (!slots.get(i - 1).start().isBefore(slots.get(i).start())) {
                // a stable sort keeps the first offered of equal starts first
                List<Slot> sorted = new ArrayList<>(slots);
                sorted.sort(Comparator.comparing(Slot::start));
                List<Slot> distinct = new ArrayList<>(sorted.size());
                for (Slot slot : sorted) {
                    if (distinct.isEmpty()
                            || !distinct.get(distinct.size() - 1).start().equals(slot.start())) {
                        distinct.add(slot);
                    }
                }
                return distinct;
            }
        }
        return slots;
    }

    private List<Slot> pieces(LocalDate day) {
        List<TimeRange> hours = schedule.hoursOn(day);
        if (hours.isEmpty()) {
            return List.of();
        }
        List<Slot> pieces = new ArrayList<>(hours.size());
        for (TimeRange range : hours) {
            pieces.addAll(WallClockRanges.instantsOf(day, range, rules));
        }
        return pieces;
    }

    private static Optional<Slot> alignedIn(Slot piece, Duration length, Duration interval, Instant start) {
        if (start.isBefore(piece.start())) {
            return Optional.empty();
        }
        long offsetSeconds = Duration.between(piece.start(), start).getSeconds();
        long intervalSeconds = interval.getSeconds();
        Instant end = start.plus(length);
        if (offsetSeconds % intervalSeconds != 0
                || start.getNano() != piece.start().getNano()
                || end.isAfter(piece.end())) {
            return Optional.empty();
        }
        return Optional.of(new Slot(start, end));
    }

    private static void cut(Slot piece, Duration length, Duration interval, Instant from, Instant to, List<Slot> into) {
        long intervalSeconds = interval.getSeconds();
        Instant start = piece.start();
        if (start.isBefore(from)) {
            long behind = Duration.between(start, from).getSeconds();
            long steps = (behind + intervalSeconds - 1) / intervalSeconds;
            start = start.plusSeconds(steps * intervalSeconds);
        }
        for (Instant end = start.plus(length);
                !end.isAfter(piece.end()) && start.isBefore(to);
                start = start.plus(interval), end = start.plus(length)) {
            into.add(new Slot(start, end));
        }
    }

    private int lastWindowStartingAtOrBefore(Instant instant) {
        int low = 0;
        int high = windows.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (windows.get(mid).startTime().isAfter(instant)) {
                high = mid - 1;
            } else {
                found = mid;
                low = mid + 1;
            }
        }
        return found;
    }
}
