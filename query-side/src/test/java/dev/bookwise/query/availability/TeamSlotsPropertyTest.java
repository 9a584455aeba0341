package dev.bookwise.query.availability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.RandomCalendars;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.types.BookingCounts;
import dev.bookwise.calendar.types.BookingLimits;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.EventTypeOffer;
import dev.bookwise.calendar.types.LiveBookings;
import dev.bookwise.calendar.types.OfferedSlot;
import dev.bookwise.errors.BookwiseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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
 * For random teams (one to four members, each with its own schedule in its own zone, its own
 * bookings of its own types and of the team's type, counted bookings towards the team type's
 * limits), the team type's listed starts are exactly those the command side takes: it asks each
 * member's calendar ({@code EventTypeOffer(type, defaultSchedule, no windows, live bookings,
 * counts).check}) and books round robin when one member takes the start, collective when every
 * member does; {@code seatsLeft} is the most a member has left (round robin) or the fewest (collective).
 */
class TeamSlotsPropertyTest {

    private static final Duration STEP = Duration.ofMinutes(5);

    /** One member as its calendar would hold it: default schedule, live bookings, counts. */
    record Member(Schedule schedule, LiveBookings bookings, BookingCounts counts) {

        EventTypeOffer offer(EventType type) {
            return new EventTypeOffer(type, schedule, List.of(), bookings, counts);
        }

        Optional<OfferedSlot> accepted(EventType type, Instant start, Instant now) {
            try {
                return Optional.of(offer(type).check(start, now, null));
            } catch (BookwiseException refused) {
                return Optional.empty();
            }
        }
    }

    record Team(EventType type, List<Member> members, Instant now, Instant from, Instant to) {}

    @Property(tries = 200)
    void aTeamTypeListsExactlyTheStartsTheMembersCalendarsTakeTogether(@ForAll("teams") Team team) {
        List<List<OfferedSlot>> perMember = team.members().stream()
                .map(member -> member.offer(team.type()).available(team.from(), team.to(), team.now()))
                .toList();
        boolean differ = false;
        for (Assignment assignment : Assignment.values()) {
            List<OfferedSlot> listed = TeamSlots.combine(assignment, perMember);
            assertThat(listed).extracting(OfferedSlot::start).isSorted().doesNotHaveDuplicates();
            Map<Instant, OfferedSlot> byStart =
                    listed.stream().collect(Collectors.toMap(OfferedSlot::start, Function.identity()));
            TreeSet<Instant> candidates = new TreeSet<>(byStart.keySet());
            for (Instant t = team.from(); t.isBefore(team.to()); t = t.plus(STEP)) {
                candidates.add(t);
            }
            for (Instant start : candidates) {
                List<Optional<OfferedSlot>> answers = team.members().stream()
                        .map(member -> member.accepted(team.type(), start, team.now()))
                        .toList();
                Optional<OfferedSlot> expected = assignment == Assignment.ROUND_ROBIN
                        ? answers.stream()
                                .flatMap(Optional::stream)
                                .max(java.util.Comparator.comparingInt(OfferedSlot::seatsLeft))
                        : answers.stream().allMatch(Optional::isPresent)
                                ? answers.stream()
                                        .map(Optional::get)
                                        .min(java.util.Comparator.comparingInt(OfferedSlot::seatsLeft))
                                : Optional.empty();
                Optional<OfferedSlot> offered = Optional.ofNullable(byStart.get(start));
                assertThat(offered.map(OfferedSlot::start))
                        .as("%s at %s", assignment, start)
                        .isEqualTo(expected.map(OfferedSlot::start));
                assertThat(offered.map(OfferedSlot::end)).isEqualTo(expected.map(OfferedSlot::end));
                assertThat(offered.map(OfferedSlot::seatsLeft))
                        .as("%s seats at %s", assignment, start)
                        .isEqualTo(expected.map(OfferedSlot::seatsLeft));
                if (answers.stream().anyMatch(Optional::isPresent)
                        && !answers.stream().allMatch(Optional::isPresent)) {
                    differ = true;
                }
            }
        }
        Statistics.label("round robin and collective differ").collect(differ);
        Statistics.label("round robin and collective differ")
                .coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    @Provide
    Arbitrary<Team> teams() {
        return Arbitraries.longs().map(TeamSlotsPropertyTest::team);
    }

    private static Team team(long seed) {
        Random random = new Random(seed);
        String zone = pick(random, RandomCalendars.ZONES);
        Instant around = RandomCalendars.aroundATransition(ZoneId.of(zone), random);
        Instant now =
                around.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60))).truncatedTo(ChronoUnit.MINUTES);
        Instant from = now.minus(Duration.ofHours(12)).truncatedTo(ChronoUnit.HOURS);
        Instant to = from.plus(Duration.ofDays(3));
        EventType type = randomType(random, "team");
        List<Member> members = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            String memberZone = random.nextBoolean() ? zone : pick(random, RandomCalendars.ZONES);
            Schedule schedule = RandomCalendars.hours(memberZone, 30, 0, 0, 0, 60, around, random);
            Member member = new Member(schedule, new LiveBookings(), BookingCounts.NONE);
            EventType own = randomType(random, "own");
            BookingCounts counts = BookingCounts.NONE;
            long reservations = 0;
            for (int b = random.nextInt(10); b > 0; b--) {
                EventType booked = random.nextBoolean() ? own : type;
                Member current = new Member(schedule, member.bookings(), counts);
                List<OfferedSlot> open = current.offer(booked).available(from, to, now);
                if (open.isEmpty()) {
                    continue;
                }
                OfferedSlot slot = open.get(random.nextInt(open.size()));
                EventTypeOffer offer = current.offer(booked);
                member.bookings().add(offer.booking(new UUID(seed, ++reservations), slot.slot()));
                counts = counts.plus(booked.id(), offer.countedOn(slot.start()));
            }
            members.add(new Member(schedule, member.bookings(), counts));
        }
        return new Team(type, members, now, from, to);
    }

    private static EventType randomType(Random random, String slug) {
        EventType type = new EventType(
                new UUID(random.nextLong(), random.nextLong()),
                slug,
                slug,
                pick(random, List.of(15, 30, 45, 60)),
                pick(random, List.of(15, 30, 60)),
                null,
                pick(random, List.of(0, 0, 10)),
                pick(random, List.of(0, 0, 10)),
                pick(random, List.of(0, 60)),
                1 + random.nextInt(10),
                pick(random, List.of(1, 1, 2, 3)),
                new BookingLimits(pick(random, Arrays.asList(null, null, 2)), null),
                List.of(),
                0,
                0,
                true);
        type.validate();
        return type;
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
