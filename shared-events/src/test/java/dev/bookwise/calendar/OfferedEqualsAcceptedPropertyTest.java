package dev.bookwise.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.types.BookingCounts;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.EventTypeOffer;
import dev.bookwise.calendar.types.LiveBooking;
import dev.bookwise.calendar.types.LiveBookings;
import dev.bookwise.calendar.types.OfferedSlot;
import dev.bookwise.errors.BookwiseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
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
 * schedules, windows, bookings and zones, always around a daylight-saving transition of the zone;
 * and a Part 1 schedule's default event type offers and accepts exactly what the schedule does.
 */
class OfferedEqualsAcceptedPropertyTest {

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

    @Property(tries = 200)
    void theDefaultEventTypeOffersExactlyWhatTheScheduleOffers(@ForAll("scenarios") Scenario scenario) {
        SlotGrid grid = new SlotGrid(scenario.schedule(), scenario.windows());
        Occupancy occupancy = new Occupancy();
        SlotOffer offer = new SlotOffer(grid, occupancy);
        EventType defaultType = EventType.defaultFor(UUID.randomUUID(), scenario.schedule());
        LiveBookings bookings = new LiveBookings();
        Random random = new Random(scenario.seed());
        List<Slot> open = offer.available(scenario.from(), scenario.to(), scenario.now());
        for (int i = 0; i < Math.min(8, open.size()); i++) {
            Slot slot = open.get(random.nextInt(open.size()));
            if (accepted(offer, slot.start(), scenario.now()) != null) {
                UUID id = UUID.randomUUID();
                occupancy.add(id, offer.occupiedFrom(slot), offer.occupiedUntil(slot));
                bookings.add(new LiveBooking(
                        id,
                        defaultType.id(),
                        slot.start(),
                        slot.end(),
                        scenario.schedule().bufferBeforeMinutes(),
                        scenario.schedule().bufferAfterMinutes()));
            }
        }
        EventTypeOffer typeOffer =
                new EventTypeOffer(defaultType, scenario.schedule(), scenario.windows(), bookings, BookingCounts.NONE);

        List<Slot> listed = offer.available(scenario.from(), scenario.to(), scenario.now());
        assertThat(typeOffer.available(scenario.from(), scenario.to(), scenario.now()))
                .allMatch(slot -> slot.seatsLeft() == 1)
                .extracting(OfferedSlot::slot)
                .isEqualTo(listed);
        for (Instant t = scenario.from(); t.isBefore(scenario.to()); t = t.plus(STEP)) {
            Slot accepted = accepted(offer, t, scenario.now());
            Slot acceptedForType;
            try {
                acceptedForType = typeOffer.check(t, scenario.now(), null).slot();
            } catch (BookwiseException refused) {
                acceptedForType = null;
            }
            assertThat(acceptedForType).as("start %s", t).isEqualTo(accepted);
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
        Arbitrary<String> zones = Arbitraries.of(RandomCalendars.ZONES);
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
        Instant around = RandomCalendars.aroundATransition(zoneId, random);
        Instant now = around.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
        Schedule schedule = RandomCalendars.hours(zone, slot, before, after, notice, horizon, around, random);
        List<AvailabilityWindow> windows = RandomCalendars.windows(now, random);
        Instant from = now.minus(Duration.ofHours(12)).truncatedTo(ChronoUnit.HOURS);
        return new Scenario(
                schedule, windows, now.truncatedTo(ChronoUnit.MINUTES), from, from.plus(Duration.ofDays(4)), seed);
    }
}
