package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the command side while team bookings (collective and round robin) are being made.
 * Afterwards no collective booking is in some of its members' calendars and not the others,
 * every acknowledged booking is in the store, a retry with the same Idempotency-Key of a request
 * that got no answer gets one, and no member holds two bookings at one time.
 */
class TeamCrashIT {

    private record Attempt(String key, String body, boolean collective) {}

    @Test
    void noHalfMadeCollectiveBookingAndEveryAcknowledgedOneSurvivesAKill9() throws Exception {
        try (BookWise system = BookWise.start("crash-team", 1, 0)) {
            List<BookWise.Host> hosts = system.openHosts(6);
            AppProcess command = system.command();
            Api api = command.api();
            String teamId;
            String teamKey;
            List<Map<String, Object>> members = new ArrayList<>();
            hosts.forEach(h -> members.add(Map.of("hostId", h.id())));
            Api.Response team =
                    api.post("/api/teams", BookWise.ADMIN, Api.json(Map.of("name", "Crew", "members", members)));
            assertThat(team.status()).as(team.toString()).isEqualTo(201);
            teamId = team.text("teamId");
            teamKey = team.text("apiKey");
            String collective = defineType(api, teamId, teamKey, "all-hands", "COLLECTIVE", hosts.subList(0, 3));
            String roundRobin = defineType(api, teamId, teamKey, "pool", "ROUND_ROBIN", hosts.subList(3, 6));

            Map<Attempt, String> acknowledged = new ConcurrentHashMap<>();
            Set<Attempt> unanswered = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger next = new AtomicInteger();
            Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        int n = next.getAndIncrement();
                        boolean isCollective = n % 2 == 0;
                        // collective bookings each at their own start, round robin three per start, all
                        // within the 60-day horizon (later rounds find their starts taken: 409)
                        Instant start = isCollective
                                ? base.plus(30L * ((n / 2) % 1400), ChronoUnit.MINUTES)
                                : base.plus(30L * ((n / 6) % 500), ChronoUnit.MINUTES)
                                        .plus(40, ChronoUnit.DAYS);
                        Attempt attempt = new Attempt(
                                "team-crash-" + n,
                                Api.json(Map.of(
                                        "teamId",
                                        teamId,
                                        "eventTypeId",
                                        isCollective ? collective : roundRobin,
                                        "start",
                                        start.toString(),
                                        "attendee",
                                        Map.of("name", "Bob", "email", "bob@example.com"))),
                                isCollective);
                        try {
                            Api.Response answer = command.api()
                                    .post("/api/bookings", teamKey, attempt.body(), "Idempotency-Key", attempt.key());
                            if (answer.status() == 201) {
                                acknowledged.put(attempt, answer.text("bookingId"));
                            } else if (answer.status() >= 500) {
                                unanswered.add(attempt);
                            }
                        } catch (RuntimeException e) {
                            unanswered.add(attempt);
                            // the process is down: do not pile up thousands of attempts
                            AppProcess.sleep(100);
                        }
                    }
                });
            }
            AppProcess.sleep(4_000);
            command.kill();
            int acknowledgedAtKill = acknowledged.size();
            AppProcess.sleep(1_000);
            command.start();
            AppProcess.sleep(2_000);
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            for (Attempt attempt : Set.copyOf(unanswered)) {
                Api.Response answer =
                        command.api().post("/api/bookings", teamKey, attempt.body(), "Idempotency-Key", attempt.key());
                assertThat(answer.status())
                        .as("retry of %s: %s", attempt.key(), answer)
                        .isIn(201, 409);
                if (answer.status() == 201) {
                    acknowledged.put(attempt, answer.text("bookingId"));
                }
            }

            Set<String> stored = system.reservedInStore();
            long halfMade =
                    system.count("SELECT count(*) FROM (SELECT convert_from(payload, 'UTF8')::jsonb ->> 'bookingId' b,"
                            + " count(*) n FROM domain_event_entry WHERE payload_type = 'dev.bookwise.events.BookingReserved'"
                            + " AND convert_from(payload, 'UTF8')::jsonb -> 'hostIds' IS NOT NULL"
                            + " AND jsonb_typeof(convert_from(payload, 'UTF8')::jsonb -> 'hostIds') = 'array'"
                            + " GROUP BY 1) c WHERE n <> 3");
            long collectiveBookings =
                    system.count("SELECT count(DISTINCT convert_from(payload, 'UTF8')::jsonb ->> 'bookingId')"
                            + " FROM domain_event_entry WHERE payload_type = 'dev.bookwise.events.BookingReserved'"
                            + " AND jsonb_typeof(convert_from(payload, 'UTF8')::jsonb -> 'hostIds') = 'array'");
            long doubleBooked = system.count(
                    "SELECT count(*) FROM (SELECT aggregate_identifier,"
                            + " convert_from(payload, 'UTF8')::jsonb ->> 'start' FROM domain_event_entry"
                            + " WHERE payload_type = 'dev.bookwise.events.BookingReserved' GROUP BY 1, 2 HAVING count(*) > 1) d");
            Set<String> lost = new java.util.HashSet<>(acknowledged.values());
            lost.removeAll(stored);
            System.out.printf(
                    "[faults] command side kill -9 during team bookings: acknowledged %d (%d before the kill), "
                            + "retried %d, collective bookings in the store %d, half-made %d, lost %d, double-booked %d%n",
                    acknowledged.size(),
                    acknowledgedAtKill,
                    unanswered.size(),
                    collectiveBookings,
                    halfMade,
                    lost.size(),
                    doubleBooked);
            assertThat(acknowledgedAtKill).as("bookings before the kill").isGreaterThan(0);
            assertThat(acknowledged.keySet()).anyMatch(Attempt::collective);
            assertThat(halfMade)
                    .as("collective bookings in some members' calendars only")
                    .isZero();
            assertThat(lost).as("acknowledged but not in the store").isEmpty();
            assertThat(doubleBooked)
                    .as("a member with two bookings at one start")
                    .isZero();
        }
    }

    private static String defineType(
            Api api, String teamId, String teamKey, String slug, String assignment, List<BookWise.Host> members) {
        Api.Response created = api.post(
                "/api/teams/" + teamId + "/event-types",
                teamKey,
                Api.json(Map.of(
                        "slug",
                        slug,
                        "title",
                        slug,
                        "durationMinutes",
                        30,
                        "assignment",
                        assignment,
                        "members",
                        members.stream().map(BookWise.Host::id).toList())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("eventTypeId");
    }
}
