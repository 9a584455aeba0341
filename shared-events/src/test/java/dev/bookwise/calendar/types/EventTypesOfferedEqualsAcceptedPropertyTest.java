package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.RandomCalendars;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * For random hosts with several event types (interval and duration apart, buffers, seats, limits,
 * one or two schedules in zones with daylight saving), random bookings, cancellations and counted
 * bookings that have left the calendar: each type lists exactly the starts its offer accepts, with
 * the {@code seatsLeft} the offer answers, which is exactly how many bookings in a row it takes; a
 * booking being moved is judged as if it were not there.
 */
class EventTypesOfferedEqualsAcceptedPropertyTest {

    private static final Duration STEP = Duration.ofMinutes(5);

    /** One host's calendar: its types, each type's schedule, and the windows of its first type. */
    record Host(
            List<EventType> types,
            Map<UUID, Schedule> scheduleOf,
            List<AvailabilityWindow> windows,
            Instant now,
            Instant from,
            Instant to,
            long seed) {

        EventTypeOffer offer(EventType type, LiveBookings bookings, BookingCounts counts) {
            List<AvailabilityWindow> typeWindows = type.equals(types.get(0)) ? windows : List.of();
            return new EventTypeOffer(type, scheduleOf.get(type.id()), typeWindows, bookings, counts);
        }
    }

    /** What the aggregate would hold: live bookings and counts, changed as its events would. */
    static final class Calendar {
        final LiveBookings bookings = new LiveBookings();
        BookingCounts counts = BookingCounts.NONE;
        final Host host;
        // ids in the order of reservation, so that two calendars populated alike match
        private long reservations;

        Calendar(Host host) {
            this.host = host;
        }

        EventTypeOffer offer(EventType type) {
            return host.offer(type, bookings, counts);
        }

        Optional<OfferedSlot> accepted(EventType type, Instant start, UUID moving) {
            return accepted(offer(type), start, moving);
        }

        Optional<OfferedSlot> accepted(EventTypeOffer offer, Instant start, UUID moving) {
            try {
                return Optional.of(offer.check(start, host.now(), moving));
            } catch (BookwiseException refused) {
                return Optional.empty();
            }
        }

        UUID reserve(EventType type, OfferedSlot slot) {
            UUID id = new UUID(0, ++reservations);
            EventTypeOffer offer = offer(type);
            bookings.add(offer.booking(id, slot.slot()));
            counts = counts.plus(type.id(), offer.countedOn(slot.start()));
            return id;
        }

        void cancel(EventType type, UUID bookingId) {
            LiveBooking booking = bookings.get(bookingId).orElseThrow();
            bookings.remove(bookingId);
            counts = counts.minus(type.id(), offer(type).countedOn(booking.start()));
        }
    }

    @Property(tries = 250)
    void eachTypeListsExactlyTheStartsItAcceptsWithTheSeatsLeft(@ForAll("hosts") Host host) {
        Calendar calendar = populated(host);
        Set<ErrorCode> refusals = EnumSet.noneOf(ErrorCode.class);
        boolean partlyTaken = false;

        for (EventType type : host.types()) {
            EventTypeOffer offer = calendar.offer(type);
            List<OfferedSlot> listed = offer.available(host.from(), host.to(), host.now());

            assertThat(listed).extracting(OfferedSlot::start).isSorted().doesNotHaveDuplicates();
            assertThat(listed).allMatch(slot -> slot.seatsLeft() > 0 && slot.seatsLeft() <= type.seats());
            Map<Instant, OfferedSlot> byStart =
                    listed.stream().collect(Collectors.toMap(OfferedSlot::start, Function.identity()));
            for (Instant start : candidates(host, byStart.keySet())) {
                Optional<OfferedSlot> accepted;
                try {
                    accepted = Optional.of(offer.check(start, host.now(), null));
                } catch (BookwiseException refused) {
                    refusals.add(refused.code());
                    accepted = Optional.empty();
                }
                assertThat(accepted)
                        .as("%s at %s", type.slug(), start)
                        .isEqualTo(Optional.ofNullable(byStart.get(start)));
            }
            if (listed.stream().anyMatch(slot -> slot.seatsLeft() < type.seats())) {
                partlyTaken = true;
            }
        }
        Statistics.label("a limit was reached").collect(refusals.contains(ErrorCode.BOOKING_LIMIT_REACHED));
        Statistics.label("a slot was taken").collect(refusals.contains(ErrorCode.SLOT_UNAVAILABLE));
        Statistics.label("a listed slot was partly taken").collect(partlyTaken);
        Statistics.label("a limit was reached").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("a slot was taken").coverage(c -> c.check(true).percentage(p -> p > 50));
        Statistics.label("a listed slot was partly taken")
                .coverage(c -> c.check(true).percentage(p -> p > 10));
    }

    @Property(tries = 150)
    void seatsLeftIsHowManyBookingsInARowTheSlotTakes(@ForAll("hosts") Host host) {
        Calendar calendar = populated(host);
        Random random = new Random(host.seed() + 1);

        for (EventType type : host.types()) {
            List<OfferedSlot> listed = calendar.offer(type).available(host.from(), host.to(), host.now());
            for (int i = 0; i < Math.min(3, listed.size()); i++) {
                OfferedSlot slot = listed.get(random.nextInt(listed.size()));
                BookingCounts before = calendar.counts;
                List<UUID> added = new ArrayList<>();
                for (Optional<OfferedSlot> next = calendar.accepted(type, slot.start(), null);
                        next.isPresent();
                        next = calendar.accepted(type, slot.start(), null)) {
                    added.add(calendar.reserve(type, next.get()));
                    assertThat(added)
                            .as("bookings of %s at %s", type.slug(), slot.start())
                            .hasSizeLessThanOrEqualTo(slot.seatsLeft());
                }
                assertThat(added).hasSize(slot.seatsLeft());
                added.forEach(calendar.bookings::remove);
                calendar.counts = before;
            }
        }
    }

    @Property(tries = 150)
    void aMovingBookingIsJudgedAsIfItWereNotThere(@ForAll("hosts") Host host) {
        Calendar calendar = populated(host);
        List<LiveBooking> live = new ArrayList<>(calendar.bookings.all());
        if (live.isEmpty()) {
            return;
        }
        LiveBooking moving = live.get(new Random(host.seed()).nextInt(live.size()));
        EventType type = host.types().stream()
                .filter(t -> t.id().equals(moving.eventTypeId()))
                .findFirst()
                .orElseThrow();
        Calendar without = populated(host);
        without.cancel(type, moving.bookingId());

        EventTypeOffer offer = calendar.offer(type);
        EventTypeOffer offerWithout = without.offer(type);
        for (Instant start : candidates(host, new TreeSet<>())) {
            assertThat(calendar.accepted(offer, start, moving.bookingId()))
                    .as("%s moved to %s", type.slug(), start)
                    .isEqualTo(without.accepted(offerWithout, start, null));
        }
    }

    /** The same random bookings every time for a host: reservations, cancellations, completions. */
    private static Calendar populated(Host host) {
        Calendar calendar = new Calendar(host);
        Random random = new Random(host.seed());
        List<UUID> reserved = new ArrayList<>();
        List<EventType> typeOfReserved = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            EventType type = host.types().get(random.nextInt(host.types().size()));
            List<OfferedSlot> open = calendar.offer(type).available(host.from(), host.to(), host.now());
            if (open.isEmpty()) {
                continue;
            }
            OfferedSlot slot = open.get(random.nextInt(open.size()));
            // seated slots fill up more often than chance would have it
            for (int seat = 1 + random.nextInt(type.seats()); seat > 0; seat--) {
                Optional<OfferedSlot> accepted = calendar.accepted(type, slot.start(), null);
                if (accepted.isEmpty()) {
                    break;
                }
                reserved.add(calendar.reserve(type, accepted.get()));
                typeOfReserved.add(type);
            }
        }
        for (int i = random.nextInt(3); i > 0 && !reserved.isEmpty(); i--) {
            int which = random.nextInt(reserved.size());
            calendar.cancel(typeOfReserved.remove(which), reserved.remove(which));
        }
        // completed bookings have left the calendar but still count towards limits
        for (int i = random.nextInt(4); i > 0; i--) {
            EventType type = host.types().get(random.nextInt(host.types().size()));
            LocalDate date = LocalDate.ofInstant(
                    host.now().plus(Duration.ofHours(random.nextInt(5 * 24) - 48)),
                    host.scheduleOf().get(type.id()).zone());
            calendar.counts = calendar.counts.plus(type.id(), date);
        }
        return calendar;
    }

    private static TreeSet<Instant> candidates(Host host, java.util.Set<Instant> listed) {
        TreeSet<Instant> candidates = new TreeSet<>(listed);
        for (Instant t = host.from(); t.isBefore(host.to()); t = t.plus(STEP)) {
            candidates.add(t);
        }
        return candidates;
    }

    @Provide
    Arbitrary<Host> hosts() {
        return Arbitraries.longs().map(EventTypesOfferedEqualsAcceptedPropertyTest::host);
    }

    private static Host host(long seed) {
        Random random = new Random(seed);
        String zone = pick(random, RandomCalendars.ZONES);
        Instant around = RandomCalendars.aroundATransition(ZoneId.of(zone), random);
        Instant now =
                around.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60))).truncatedTo(ChronoUnit.MINUTES);
        List<Schedule> schedules = new ArrayList<>();
        schedules.add(RandomCalendars.hours(zone, 30, 0, 0, 0, 60, around, random));
        if (random.nextBoolean()) {
            String other = random.nextBoolean() ? zone : pick(random, RandomCalendars.ZONES);
            schedules.add(RandomCalendars.hours(other, 30, 0, 0, 0, 60, around, random));
        }
        List<EventType> types = new ArrayList<>();
        Map<UUID, Schedule> scheduleOf = new java.util.HashMap<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            EventType type = randomType(random, "type-" + i);
            type.validate();
            types.add(type);
            scheduleOf.put(type.id(), pick(random, schedules));
        }
        Instant from = now.minus(Duration.ofHours(12)).truncatedTo(ChronoUnit.HOURS);
        return new Host(
                types,
                scheduleOf,
                RandomCalendars.windows(now, random),
                now,
                from,
                from.plus(Duration.ofDays(4)),
                seed);
    }

    private static EventType randomType(Random random, String slug) {
        Integer perDay = pick(random, java.util.Arrays.asList(null, null, 1, 2, 3));
        Integer perWeek = pick(random, java.util.Arrays.asList(null, null, 2, 4));
        return new EventType(
                new UUID(random.nextLong(), random.nextLong()),
                slug,
                slug,
                pick(random, List.of(10, 15, 20, 30, 45, 60, 90)),
                pick(random, List.of(5, 10, 15, 20, 30, 45, 60)),
                null,
                pick(random, List.of(0, 0, 5, 10, 15, 30)),
                pick(random, List.of(0, 0, 5, 10, 15, 30)),
                pick(random, List.of(0, 30, 120, 24 * 60)),
                1 + random.nextInt(10),
                pick(random, List.of(1, 1, 2, 3, 5)),
                new BookingLimits(perDay, perWeek),
                List.of(),
                0,
                0,
                false);
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
