package dev.bookwise.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.errors.BookwiseException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What availability lists is exactly what a booking is accepted for: over hundreds of random
 * schedules, windows, bookings and zones, always around a daylight-saving transition of the zone.
 */
class OfferedEqualsAcceptedPropertyTest {

    private static final List<String> ZONES = List.of(
            "America/New_York",
            "Europe/London",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "America/Santiago",
            "Asia/Kathmandu",
            "Europe/Paris",
            "UTC");
    private static final Duration STEP = Duration.ofMinutes(5);

    record Scenario(
            Schedule schedule, List<AvailabilityWindow> windows, Instant now, Instant from, Instant to, long seed) {}

    @Property(tries = 300)
    void availableSlotsAreExactlyTheAcceptedStarts(@ForAll("scenarios") Scenario scenario) {
        SlotGrid grid = new SlotGrid(scenario.schedule(), scenario.windows());
        Occupancy occupancy = new Occupancy();
        SlotOffer offer = new SlotOffer(grid, occupancy);
        book(offer, occupancy, scenario);

        List<Slot> listed = offer.available(scenario.from(), scenario.to(), scenario.now());

        Set<Instant> listedStarts = new HashSet<>();
        listed.forEach(slot -> listedStarts.add(slot.start()));
        assertThat(listedStarts).hasSameSizeAs(listed);
        assertThat(listed).extracting(Slot::start).isSorted();
        TreeSet<Instant> candidates = new TreeSet<>(listedStarts);
        for (Instant t = scenario.from(); t.isBefore(scenario.to()); t = t.plus(STEP)) {
            candidates.add(t);
        }
        for (Instant start : candidates) {
            Slot accepted = accepted(offer, start, scenario.now());
            assertThat(accepted != null).as("start %s accepted", start).isEqualTo(listedStarts.contains(start));
            if (accepted != null) {
                assertThat(listed).contains(accepted);
            }
        }
    }

    /** Books some accepted starts, as reservations would, so occupied ranges never overlap. */
    private static void book(SlotOffer offer, Occupancy occupancy, Scenario scenario) {
        Random random = new Random(scenario.seed());
        List<Slot> open = offer.available(scenario.from(), scenario.to(), scenario.now());
        for (int i = 0; i < Math.min(8, open.size()); i++) {
            Slot slot = open.get(random.nextInt(open.size()));
            if (accepted(offer, slot.start(), scenario.now()) != null) {
                occupancy.add(UUID.randomUUID(), offer.occupiedFrom(slot), offer.occupiedUntil(slot));
            }
        }
    }

    private static Slot accepted(SlotOffer offer, Instant start, Instant now) {
        try {
            return offer.check(start, now, null);
        } catch (BookwiseException refused) {
            return null;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<String> zones = Arbitraries.of(ZONES);
        Arbitrary<Integer> slots = Arbitraries.of(15, 20, 30, 45, 60, 90);
        Arbitrary<Integer> buffers = Arbitraries.of(0, 0, 5, 10, 15, 30);
        Arbitrary<Integer> notices = Arbitraries.of(0, 30, 120, 24 * 60);
        Arbitrary<Integer> horizons = Arbitraries.integers().between(1, 10);
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Combinators.combine(zones, slots, buffers, buffers, notices, horizons, seeds)
                .as((zone, slot, before, after, notice, horizon, seed) ->
                        scenario(zone, slot, before, after, notice, horizon, seed));
    }

    private static Scenario scenario(String zone, int slot, int before, int after, int notice, int horizon, long seed) {
        Random random = new Random(seed);
        ZoneId zoneId = ZoneId.of(zone);
        // around a transition of the zone (or any day for a zone without them)
        Instant pivot = Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofDays(random.nextInt(700)));
        ZoneOffsetTransition transition = zoneId.getRules().nextTransition(pivot);
        Instant around = transition == null ? pivot : transition.getInstant();
        Instant now = around.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, ranges(random));
        }
        List<DateOverride> overrides = new ArrayList<>();
        if (random.nextBoolean()) {
            overrides.add(new DateOverride(LocalDate.ofInstant(around, zoneId), ranges(random)));
        }
        Schedule schedule = new Schedule(zone, slot, before, after, notice, horizon, weekly, overrides);
        schedule.validate();
        List<AvailabilityWindow> windows = new ArrayList<>();
        Instant cursor = now.minus(Duration.ofHours(6)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        int windowSlot = List.of(20, 25, 30, 40).get(random.nextInt(4));
        for (int i = random.nextInt(3); i > 0; i--) {
            cursor = cursor.plus(Duration.ofMinutes(5L * random.nextInt(24 * 12)));
            Instant end = cursor.plus(Duration.ofMinutes(5L * (1 + random.nextInt(6 * 12))));
            windows.add(new AvailabilityWindow(cursor, end, windowSlot));
            cursor = end.plus(Duration.ofMinutes(5));
        }
        Instant from = now.minus(Duration.ofHours(12)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return new Scenario(
                schedule,
                windows,
                now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                from,
                from.plus(Duration.ofDays(4)),
                seed);
    }

    /** 0 to 3 disjoint wall-clock ranges on a 15-minute grid, sometimes through midnight's 24:00. */
    private static List<TimeRange> ranges(Random random) {
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
