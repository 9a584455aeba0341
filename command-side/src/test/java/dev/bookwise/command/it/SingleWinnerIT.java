package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real concurrent HTTP requests for one slot: exactly one wins, every other gets 409, never a 5xx. */
class SingleWinnerIT extends CommandSideIT {

    private static Map<Integer, Long> race(List<Api> nodes, CommandSideIT.Host host, Instant start, int requests) {
        List<CompletableFuture<Api.Response>> responses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            responses.add(
                    nodes.get(i % nodes.size()).sendAsync("POST", "/api/bookings", host.key(), booking(host, start)));
        }
        Map<Integer, Long> byStatus = responses.stream()
                .map(CompletableFuture::join)
                .collect(Collectors.groupingBy(Api.Response::status, TreeMap::new, Collectors.counting()));
        System.out.printf("race for %s over %d node(s): %s%n", start, nodes.size(), byStatus);
        return byStatus;
    }

    @Test
    void oneHundredConcurrentRequestsForOneSlotHaveExactlyOneWinner() {
        Host host = openHost();

        Map<Integer, Long> byStatus = race(List.of(api), host, slot(20), 100);

        assertThat(byStatus).containsExactlyEntriesOf(new TreeMap<>(Map.of(201, 1L, 409, 99L)));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM booking_directory WHERE host_id = ?::uuid", Long.class, host.id()))
                .isEqualTo(1);
    }

    @Test
    void aThousandConcurrentRequestsForOneSlotAllGetAnAnswerAndNoneA5xx() {
        // far more waiting writers than the pool (10 here) has connections: they must queue without holding one
        Host host = openHost();

        Map<Integer, Long> byStatus = race(List.of(api), host, slot(21), 1000);

        assertThat(byStatus).containsExactlyEntriesOf(new TreeMap<>(Map.of(201, 1L, 409, 999L)));
    }

    @Test
    void twoInstancesOnOneDatabaseRacingForOneSlotHaveExactlyOneWinner() {
        TestDatabase database = TestDatabase.fresh();
        // without the per-host lock, only the event store's (aggregate, sequence) constraint and the retry decide
        Map<String, Object> constraintOnly = Map.of("bookwise.host-lock", false);
        try (CommandSideInstance first = CommandSideInstance.start(database, constraintOnly);
                CommandSideInstance second = CommandSideInstance.start(database, constraintOnly)) {
            Api a = first.api();
            Api b = second.api();
            Host host = openHostOn(a, b);

            for (int round = 0; round < 5; round++) {
                Map<Integer, Long> byStatus = race(List.of(a, b), host, slot(20 + round), 40);
                assertThat(byStatus).containsExactlyEntriesOf(new TreeMap<>(Map.of(201, 1L, 409, 39L)));
            }
            assertThat(first.jdbc()
                            .queryForObject(
                                    "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%BookingReserved'",
                                    Long.class))
                    .isEqualTo(5);
        }
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyAreAnsweredOnceAndNeverWithA5xx() {
        Host host = openHost();
        for (int round = 0; round < 8; round++) {
            String key = "same-" + round;
            // half the rounds for a slot that is not offered (a stored 422), half for a free one (one booking)
            Instant start = round % 2 == 0 ? slot(20 + round).plusSeconds(600) : slot(20 + round);
            List<CompletableFuture<Api.Response>> responses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                responses.add(api.sendAsync(
                        "POST", "/api/bookings", host.key(), booking(host, start), "Idempotency-Key", key));
            }
            List<Api.Response> answers =
                    responses.stream().map(CompletableFuture::join).toList();
            assertThat(answers)
                    .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isLessThan(500));
            int first = round % 2 == 0 ? 422 : 201;
            assertThat(answers).allSatisfy(r -> assertThat(r.status()).isIn(first, 409));
            assertThat(answers.stream()
                            .filter(r -> r.status() == first)
                            .map(Api.Response::body)
                            .distinct())
                    .hasSize(1);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM booking_directory WHERE host_id = ?::uuid", Long.class, host.id()))
                .isEqualTo(4);
    }

    @Test
    void aCalendarLoadedFromItsSnapshotStillKnowsEveryBooking() {
        Host host = openHost();
        for (int i = 0; i < 110; i++) {
            assertThat(reserve(host, slot(i)).status()).isEqualTo(201);
        }
        // snapshots are taken on their own thread after the command
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (snapshots(host) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(snapshots(host)).as("a snapshot was taken").isPositive();

        for (int i = 0; i < 110; i += 11) {
            assertThat(reserve(host, slot(i)).code()).as("slot %d", i).isEqualTo("slot-unavailable");
        }
        assertThat(reserve(host, slot(110)).status()).isEqualTo(201);
    }

    private long snapshots(Host host) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, host.id());
    }

    @Test
    void concurrentBookingsOfDistinctSlotsOnOneHostAllSucceed() {
        Host host = openHost();
        List<CompletableFuture<Api.Response>> responses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            responses.add(api.sendAsync("POST", "/api/bookings", host.key(), booking(host, slot(i))));
        }
        assertThat(responses.stream().map(CompletableFuture::join).map(Api.Response::status))
                .containsOnly(201);
    }
}
