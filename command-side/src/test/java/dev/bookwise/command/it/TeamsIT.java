package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Teams over HTTP: round robin and collective bookings decided by the members' calendars, under
 * real concurrent requests, on one instance and on two.
 */
class TeamsIT extends CommandSideIT {

    @Autowired
    MeterRegistry meters;

    record Team(String id, String key, List<Host> members) {}

    private Team team(Api on, List<Host> members, List<Integer> weights) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            listed.add(Map.of("hostId", members.get(i).id(), "weight", weights.get(i)));
        }
        Api.Response created = on.post("/api/teams", ADMIN, Api.json(Map.of("name", "Sales", "members", listed)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Team(created.text("teamId"), created.text("apiKey"), members);
    }

    private Team team(int size) {
        List<Host> members = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(openHost());
            weights.add(1);
        }
        return team(api, members, weights);
    }

    private static String typeOf(Api on, Team team, String assignment, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of(
                "slug",
                assignment.toLowerCase().replace('_', '-'),
                "title",
                "Demo",
                "durationMinutes",
                30,
                "assignment",
                assignment));
        body.putAll(fields);
        Api.Response created = on.post("/api/teams/" + team.id() + "/event-types", team.key(), Api.json(body));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("eventTypeId");
    }

    private static String teamBooking(Team team, String typeId, Instant start) {
        return Api.json(Map.of(
                "teamId",
                team.id(),
                "eventTypeId",
                typeId,
                "start",
                start.toString(),
                "attendee",
                Map.of("name", "Bob", "email", "bob@example.com")));
    }

    private static List<Api.Response> concurrently(List<Api> apis, List<String> bodies, List<String> keys) {
        List<CompletableFuture<Api.Response>> sent = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            sent.add(apis.get(i % apis.size()).sendAsync("POST", "/api/bookings", keys.get(i), bodies.get(i)));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void aTeamIsCreatedByTheAdminWithExistingHostsAndItsKeyActsOnlyOnIt() {
        Host ada = openHost();
        Team team = team(api, List.of(ada), List.of(1));
        assertThat(api.post(
                                "/api/teams",
                                ada.key(),
                                Api.json(Map.of("name", "X", "members", List.of(Map.of("hostId", ada.id())))))
                        .code())
                .isEqualTo("forbidden");
        assertThat(api.post(
                                "/api/teams",
                                ADMIN,
                                Api.json(Map.of(
                                        "name",
                                        "X",
                                        "members",
                                        List.of(Map.of(
                                                "hostId", UUID.randomUUID().toString())))))
                        .code())
                .isEqualTo("host-not-found");
        Team other = team(api, List.of(ada), List.of(1));
        Api.Response foreign = api.put(
                "/api/teams/" + other.id() + "/members",
                team.key(),
                Api.json(Map.of("members", List.of(Map.of("hostId", ada.id())))));
        assertThat(foreign.code()).isEqualTo("forbidden");
        Api.Response unknown = api.put(
                "/api/teams/" + UUID.randomUUID() + "/members",
                ADMIN,
                Api.json(Map.of("members", List.of(Map.of("hostId", ada.id())))));
        assertThat(unknown.code()).isEqualTo("team-not-found");
        // the team's key is not a member's key
        assertThat(api.post("/api/bookings", team.key(), booking(ada, slot(2))).code())
                .isEqualTo("forbidden");
    }

    @Test
    void teamEventTypesHaveTheHostTypesRulesAndTheirOwn() {
        Team team = team(2);
        String typeId = typeOf(api, team, "ROUND_ROBIN", Map.of());
        String path = "/api/teams/" + team.id() + "/event-types";
        Map<String, Object> base = Map.of("slug", "round-robin", "title", "Again", "durationMinutes", 30);
        Map<String, Object> taken = new LinkedHashMap<>(base);
        taken.put("assignment", "COLLECTIVE");
        assertThat(api.post(path, team.key(), Api.json(taken)).code()).isEqualTo("slug-taken");
        Map<String, Object> noAssignment = new LinkedHashMap<>(base);
        noAssignment.put("slug", "other");
        assertThat(api.post(path, team.key(), Api.json(noAssignment)).code()).isEqualTo("invalid-event-type");
        Map<String, Object> stranger = new LinkedHashMap<>(taken);
        stranger.put("slug", "stranger");
        stranger.put("members", List.of(UUID.randomUUID().toString()));
        assertThat(api.post(path, team.key(), Api.json(stranger)).code()).isEqualTo("invalid-event-type");
        // a host's type takes no assignment
        Host host = team.members().get(0);
        assertThat(api.post("/api/hosts/" + host.id() + "/event-types", host.key(), Api.json(taken))
                        .code())
                .isEqualTo("invalid-event-type");

        assertThat(api.send("DELETE", path + "/" + typeId, team.key(), null).status())
                .isEqualTo(200);
        assertThat(api.post("/api/bookings", team.key(), teamBooking(team, typeId, slot(4)))
                        .code())
                .isEqualTo("event-type-archived");
        assertThat(api.post(
                                "/api/bookings",
                                team.key(),
                                teamBooking(team, UUID.randomUUID().toString(), slot(4)))
                        .code())
                .isEqualTo("event-type-not-found");
        Team unknown = new Team(UUID.randomUUID().toString(), null, List.of());
        assertThat(api.post("/api/bookings", ADMIN, teamBooking(unknown, typeId, slot(4)))
                        .code())
                .isEqualTo("team-not-found");
        // without a key only a public, live type is booked
        assertThat(api.post("/api/bookings", null, teamBooking(team, typeId, slot(4)))
                        .code())
                .isEqualTo("unauthenticated");
        // a host's id is not a team's: refused before anything reads the host's stream as a team
        Team hostAsTeam = new Team(team.members().get(0).id(), null, List.of());
        assertThat(api.post("/api/bookings", null, teamBooking(hostAsTeam, typeId, slot(4)))
                        .code())
                .isEqualTo("team-not-found");
        assertThat(api.post("/api/teams/" + hostAsTeam.id() + "/event-types", ADMIN, Api.json(taken))
                        .code())
                .isEqualTo("team-not-found");
        Map<String, Object> nullMember = new LinkedHashMap<>(taken);
        nullMember.put("slug", "null-member");
        nullMember.put("members", java.util.Arrays.asList((Object) null));
        assertThat(api.post(path, team.key(), Api.json(nullMember)).status()).isEqualTo(400);
    }

    @Test
    void aPublicTeamTypeIsBookedWithoutAKeyAndARetriedRequestBooksOnce() {
        Team team = team(2);
        String typeId = typeOf(api, team, "ROUND_ROBIN", Map.of("public", true));
        Api.Response first =
                api.post("/api/bookings", null, teamBooking(team, typeId, slot(6)), "Idempotency-Key", "team-retry-1");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.text("manageToken")).startsWith("bwm_");
        Api.Response again =
                api.post("/api/bookings", null, teamBooking(team, typeId, slot(6)), "Idempotency-Key", "team-retry-1");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(first.header("X-Bookwise-Position")).isNotNull();
        assertThat(again.header("X-Bookwise-Position")).isEqualTo(first.header("X-Bookwise-Position"));
        assertThat(eventCount("BookingReserved", first.text("bookingId"))).isEqualTo(1);
        // the position is the booking's own event: a read with it as minPosition sees the booking
        Long position = jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Long.class,
                "%" + first.text("bookingId") + "%");
        assertThat(first.header("X-Bookwise-Position")).isEqualTo(position.toString());
    }

    @Test
    void withKMembersFreeExactlyKConcurrentRoundRobinRequestsWinEachOnADifferentMember() {
        Team team = team(4);
        String typeId = typeOf(api, team, "ROUND_ROBIN", Map.of());
        Host busy = team.members().get(3);
        Instant start = slot(10);
        // one member is taken then by a booking of its own: 3 are free
        assertThat(reserve(busy, start).status()).isEqualTo(201);
        List<String> bodies = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            bodies.add(teamBooking(team, typeId, start));
            keys.add(team.key());
        }
        double before = knownRefusals();
        List<Api.Response> answers = concurrently(List.of(api), bodies, keys);
        List<Api.Response> won = answers.stream().filter(r -> r.status() == 201).toList();
        assertThat(won).hasSize(3);
        assertThat(won.stream().map(r -> r.text("hostId")).distinct())
                .hasSize(3)
                .doesNotContain(busy.id());
        assertThat(won).allSatisfy(r -> assertThat(r.text("teamId")).isEqualTo(team.id()));
        assertThat(answers)
                .filteredOn(r -> r.status() != 201)
                .extracting(Api.Response::code)
                .containsOnly("slot-unavailable");
        // the first refusal was decided under the locks; the requests after it needed no lock
        assertThat(knownRefusals() - before).isGreaterThanOrEqualTo(90);
    }

    @Test
    void aRefusalIsAnsweredWithoutTheLocksOnlyWhileNothingItWasDecidedOnHasChanged() {
        Team team = team(2);
        String typeId = typeOf(api, team, "ROUND_ROBIN", Map.of());
        Instant start = slot(20);
        Api.Response first = api.post("/api/bookings", team.key(), teamBooking(team, typeId, start));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(api.post("/api/bookings", team.key(), teamBooking(team, typeId, start))
                        .status())
                .isEqualTo(201);

        // decided under the locks: every member is taken
        double before = knownRefusals();
        assertThat(api.post("/api/bookings", team.key(), teamBooking(team, typeId, start))
                        .code())
                .isEqualTo("slot-unavailable");
        assertThat(knownRefusals()).isEqualTo(before);
        // the same request again: nothing changed, answered from what was decided
        Api.Response again = api.post("/api/bookings", team.key(), teamBooking(team, typeId, start));
        assertThat(again.code()).isEqualTo("slot-unavailable");
        assertThat(again.json().path("instance").asText()).isEqualTo("/api/bookings");
        assertThat(knownRefusals()).isEqualTo(before + 1);

        // a request the command would refuse for another reason gets that reason
        assertThat(api.post("/api/bookings", null, teamBooking(team, typeId, start))
                        .code())
                .isEqualTo("unauthenticated");
        assertThat(knownRefusals()).isEqualTo(before + 1);

        // with an Idempotency-Key the refusal is stored under it and replayed to a retry
        Api.Response keyed = api.post(
                "/api/bookings", team.key(), teamBooking(team, typeId, start), "Idempotency-Key", "known-refusal-1");
        assertThat(keyed.code()).isEqualTo("slot-unavailable");
        assertThat(knownRefusals()).isEqualTo(before + 2);
        Api.Response retried = api.post(
                "/api/bookings", team.key(), teamBooking(team, typeId, start), "Idempotency-Key", "known-refusal-1");
        assertThat(retried.code()).isEqualTo("slot-unavailable");
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.json()).isEqualTo(keyed.json());

        // a member's calendar changed: the member freed by the cancellation takes the next request
        Api.Response cancelled =
                api.post("/api/bookings/" + first.text("bookingId") + "/cancel", team.key(), Api.json(Map.of()));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        Api.Response taken = api.post("/api/bookings", team.key(), teamBooking(team, typeId, start));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        assertThat(taken.text("hostId")).isEqualTo(first.text("hostId"));

        // the team changed: a new member is free at that start
        Host joined = openHost();
        List<Map<String, Object>> members = new ArrayList<>();
        for (Host member : team.members()) {
            members.add(Map.of("hostId", member.id()));
        }
        assertThat(api.post("/api/bookings", team.key(), teamBooking(team, typeId, start))
                        .code())
                .isEqualTo("slot-unavailable");
        members.add(Map.of("hostId", joined.id()));
        assertThat(api.put("/api/teams/" + team.id() + "/members", ADMIN, Api.json(Map.of("members", members)))
                        .status())
                .isEqualTo(200);
        Api.Response newcomer = api.post("/api/bookings", team.key(), teamBooking(team, typeId, start));
        assertThat(newcomer.status()).as(newcomer.toString()).isEqualTo(201);
        assertThat(newcomer.text("hostId")).isEqualTo(joined.id());
    }

    @Test
    void aCollectiveRefusalKnownBeforeEndsWhenTheMemberThatRefusedIsFreeAgain() {
        Team team = team(3);
        String typeId = typeOf(api, team, "COLLECTIVE", Map.of("public", true));
        Host member = team.members().get(1);
        Instant start = slot(24);
        Api.Response own = reserve(member, start);
        assertThat(own.status()).isEqualTo(201);
        assertThat(api.post("/api/bookings", null, teamBooking(team, typeId, start))
                        .code())
                .isEqualTo("slot-unavailable");
        double before = knownRefusals();
        assertThat(api.post("/api/bookings", null, teamBooking(team, typeId, start))
                        .code())
                .isEqualTo("slot-unavailable");
        assertThat(knownRefusals()).isEqualTo(before + 1);

        Api.Response cancelled =
                api.post("/api/bookings/" + own.text("bookingId") + "/cancel", member.key(), Api.json(Map.of()));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        Api.Response made = api.post("/api/bookings", null, teamBooking(team, typeId, start));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.json().path("hostIds")).hasSize(3);
    }

    private double knownRefusals() {
        return meters.counter("bookwise.refusals.known").count();
    }

    @Test
    void roundRobinSharesOneHundredBookingsEvenlyOverFourEqualMembers() {
        Team team = team(4);
        String typeId = typeOf(api, team, "ROUND_ROBIN", Map.of());
        Map<String, Long> perMember = bookSequentially(team, typeId, 100);
        assertThat(perMember).hasSize(4);
        perMember.values().forEach(n -> assertThat(n).isCloseTo(25L, within(1L)));
    }

    @Test
    void roundRobinFollowsTheWeights() {
        List<Host> members = List.of(openHost(), openHost(), openHost());
        Team team = team(api, members, List.of(2, 1, 1));
        String typeId = typeOf(api, team, "ROUND_ROBIN", Map.of());
        Map<String, Long> perMember = bookSequentially(team, typeId, 100);
        assertThat(perMember.get(members.get(0).id())).isCloseTo(50L, within(2L));
        assertThat(perMember.get(members.get(1).id())).isCloseTo(25L, within(2L));
        assertThat(perMember.get(members.get(2).id())).isCloseTo(25L, within(2L));
    }

    private Map<String, Long> bookSequentially(Team team, String typeId, int bookings) {
        List<String> assigned = new ArrayList<>();
        for (int i = 0; i < bookings; i++) {
            // every booking at its own start: every member is always free
            Api.Response made = api.post("/api/bookings", team.key(), teamBooking(team, typeId, slot(2 + i)));
            assertThat(made.status()).as(made.toString()).isEqualTo(201);
            assigned.add(made.text("hostId"));
        }
        return assigned.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void aCollectiveBookingTakesEveryMembersCalendarOrNone() {
        Team team = team(3);
        String typeId = typeOf(api, team, "COLLECTIVE", Map.of());
        Host taken = team.members().get(1);
        Instant busy = slot(6);
        assertThat(reserve(taken, busy).status()).isEqualTo(201);
        long reservedBefore = eventCount("BookingReserved");

        Api.Response refused = api.post("/api/bookings", team.key(), teamBooking(team, typeId, busy));
        assertThat(refused.code()).isEqualTo("slot-unavailable");
        assertThat(eventCount("BookingReserved")).isEqualTo(reservedBefore);

        Api.Response made = api.post("/api/bookings", team.key(), teamBooking(team, typeId, slot(8)));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        List<String> hostIds = new ArrayList<>();
        made.json().path("hostIds").forEach(node -> hostIds.add(node.asText()));
        assertThat(hostIds)
                .containsExactlyInAnyOrderElementsOf(
                        team.members().stream().map(Host::id).toList());
        assertThat(made.text("hostId")).isEqualTo(hostIds.get(0));
        assertThat(eventCount("BookingReserved", made.text("bookingId"))).isEqualTo(3);
        // every member is taken then
        for (Host member : team.members()) {
            assertThat(reserve(member, slot(8)).code()).isEqualTo("slot-unavailable");
        }
    }

    @Test
    void aCollectiveBookingRacingAMembersOwnBookingHasOneWinner() {
        Team team = team(3);
        String typeId = typeOf(api, team, "COLLECTIVE", Map.of("durationMinutes", 60, "slotIntervalMinutes", 30));
        Host member = team.members().get(2);
        for (int round = 0; round < 10; round++) {
            Instant start = slot(20 + 4 * round);
            List<String> bodies = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                // the hour with the team, or the member's own half hour inside it
                if (i % 2 == 0) {
                    bodies.add(teamBooking(team, typeId, start));
                    keys.add(team.key());
                } else {
                    bodies.add(booking(member, start.plus(30, ChronoUnit.MINUTES)));
                    keys.add(member.key());
                }
            }
            List<Api.Response> answers = concurrently(List.of(api), bodies, keys);
            assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(answers)
                    .filteredOn(r -> r.status() != 201)
                    .extracting(Api.Response::code)
                    .containsOnly("slot-unavailable");
        }
    }

    @Test
    void confirmRescheduleAndCancelActOnEveryMemberOfACollectiveBooking() {
        Team team = team(2);
        String typeId = typeOf(api, team, "COLLECTIVE", Map.of());
        Api.Response made = api.post("/api/bookings", team.key(), teamBooking(team, typeId, slot(12)));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String bookingId = made.text("bookingId");

        Api.Response confirmed = api.patch(
                "/api/bookings/" + bookingId + "/status", team.key(), Api.json(Map.of("status", "CONFIRMED")));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(eventCount("BookingConfirmed", bookingId)).isEqualTo(2);

        // a reschedule to a time one member is not free refuses it for all
        Host second = team.members().get(1);
        assertThat(reserve(second, slot(14)).status()).isEqualTo(201);
        Api.Response refused = api.post(
                "/api/bookings/" + bookingId + "/reschedule",
                team.key(),
                Api.json(Map.of("start", slot(14).toString())));
        assertThat(refused.code()).isEqualTo("slot-unavailable");
        assertThat(eventCount("BookingRescheduled", bookingId)).isZero();

        // a member's own key acts on the collective booking it is part of
        Api.Response moved = api.post(
                "/api/bookings/" + bookingId + "/reschedule",
                second.key(),
                Api.json(Map.of("start", slot(16).toString())));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(eventCount("BookingRescheduled", bookingId)).isEqualTo(2);
        assertThat(reserve(team.members().get(0), slot(12)).status()).isEqualTo(201);

        // the attendee cancels with the manage token: every member's time is free again
        Api.Response cancelled =
                api.post("/api/bookings/" + bookingId + "/cancel", made.text("manageToken"), Api.json(Map.of()));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(eventCount("BookingCancelled", bookingId)).isEqualTo(2);
        for (Host member : team.members()) {
            assertThat(reserve(member, slot(16)).status()).isEqualTo(201);
        }
        // a host outside the booking may not touch it
        Host stranger = openHost();
        assertThat(api.patch(
                                "/api/bookings/" + bookingId + "/status",
                                stranger.key(),
                                Api.json(Map.of("status", "CONFIRMED")))
                        .code())
                .isEqualTo("forbidden");
    }

    @Test
    void roundRobinAndCollectiveHoldAcrossTwoInstancesAndACollectiveBookingExpiresEverywhere() {
        TestDatabase database = TestDatabase.fresh();
        Map<String, Object> shortReservations = Map.of("bookwise.reservation-ttl", "PT3S");
        try (CommandSideInstance first = CommandSideInstance.start(database, shortReservations);
                CommandSideInstance second = CommandSideInstance.start(database, shortReservations)) {
            Api a = first.api();
            Api b = second.api();
            List<Host> members = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                members.add(openHostOn(a, b));
            }
            Team team = team(a, members, List.of(1, 1, 1, 1, 1));
            String roundRobin = typeOf(b, team, "ROUND_ROBIN", Map.of());
            String collective = typeOf(a, team, "COLLECTIVE", Map.of());

            Instant start = slot(30);
            List<String> bodies = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                bodies.add(teamBooking(team, roundRobin, start));
                keys.add(team.key());
            }
            List<Api.Response> answers = concurrently(List.of(a, b), bodies, keys);
            List<Api.Response> won =
                    answers.stream().filter(r -> r.status() == 201).toList();
            assertThat(won).hasSize(5);
            assertThat(won.stream().map(r -> r.text("hostId")).distinct()).hasSize(5);

            // a collective booking racing each member's own booking of the same time, from both instances
            Instant later = slot(34);
            bodies.clear();
            keys.clear();
            for (int i = 0; i < 10; i++) {
                bodies.add(teamBooking(team, collective, later));
                keys.add(team.key());
                Host member = members.get(i % members.size());
                bodies.add(booking(member, later));
                keys.add(member.key());
            }
            List<Api.Response> raced = concurrently(List.of(a, b), bodies, keys);
            List<Api.Response> winners =
                    raced.stream().filter(r -> r.status() == 201).toList();
            boolean collectiveWon = winners.stream()
                    .anyMatch(r -> r.json().has("hostIds")
                            && r.json().path("hostIds").isArray()
                            && r.json().path("hostIds").size() == 5);
            // either the collective booking holds all five, or it lost and each member won its own
            assertThat(winners).hasSize(collectiveWon ? 1 : 5);

            Api.Response made = a.post("/api/bookings", team.key(), teamBooking(team, collective, slot(40)));
            assertThat(made.status()).as(made.toString()).isEqualTo(201);
            String bookingId = made.text("bookingId");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(new JdbcTemplate(new DriverManagerDataSource(
                                            database.url(), database.user(), database.password()))
                                    .queryForObject(
                                            "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE "
                                                    + "'%BookingExpired' AND convert_from(payload, 'UTF8') LIKE ?",
                                            Long.class, "%" + bookingId + "%"))
                            .isEqualTo(5));
            assertThat(made.json().path("teamId").asText()).isEqualTo(team.id());
        }
    }
}
