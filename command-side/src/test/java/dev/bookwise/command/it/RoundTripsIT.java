package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * What a write costs in database round trips (statements, commits), counted at the JDBC driver's
 * door: a number that does not depend on how busy the machine is. A booking is three (claim + lock
 * + version, everything it writes, the commit), a refused one with a key three, a replay two.
 */
@TestPropertySource(properties = "bookwise.jdbc.count-round-trips=true")
class RoundTripsIT extends CommandSideIT {

    @Autowired
    MeterRegistry meters;

    @Test
    void aBookingIsThreeRoundTripsAConflictThreeAndAReplayTwo() {
        Host host = openHost();
        Instant start = slot(11);
        String key = UUID.randomUUID().toString();

        Measured booked = measure(() -> reserve(host, start, "Idempotency-Key", key));
        assertThat(booked.response().status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.roundTrips()).as("a booking with a key").isEqualTo(3);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'", Long.class))
                .as("its expiry deadline")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT host_id::text FROM booking_directory WHERE booking_id = ?::uuid",
                        String.class,
                        booked.response().text("bookingId")))
                .isEqualTo(host.id());

        Measured replayed = measure(() -> reserve(host, start, "Idempotency-Key", key));
        assertThat(replayed.response().header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.response().body()).isEqualTo(booked.response().body());
        assertThat(replayed.roundTrips()).as("a replay").isEqualTo(2);

        Measured refused = measure(
                () -> reserve(host, start, "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(refused.response().code()).isEqualTo("slot-unavailable");
        assertThat(refused.roundTrips()).as("a conflict with a key").isEqualTo(3);

        Measured withoutKey = measure(() -> reserve(host, slot(12)));
        assertThat(withoutKey.response().status()).as(withoutKey.toString()).isEqualTo(201);
        Measured next = measure(() ->
                reserve(host, slot(13), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(next.response().status()).isEqualTo(201);
        assertThat(next.roundTrips()).as("a booking on a calendar in memory").isEqualTo(3);

        // the position a write returns is the calendar's last event, stored with the answer too
        assertThat(next.response().header("X-Bookwise-Position"))
                .isEqualTo(String.valueOf(jdbc.queryForObject(
                        "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        host.id())));
    }

    private record Measured(Api.Response response, long roundTrips) {}

    private Measured measure(java.util.function.Supplier<Api.Response> request) {
        double[] before = totals();
        Api.Response response = request.get();
        // the count is recorded when the filter chain returns, which may be just after the client has the answer
        long deadline = System.nanoTime() + 5_000_000_000L;
        double[] after = totals();
        while (after[0] == before[0] && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            after = totals();
        }
        assertThat(after[0]).as("one request recorded").isEqualTo(before[0] + 1);
        return new Measured(response, Math.round(after[1] - before[1]));
    }

    /** Requests recorded so far and their round trips. */
    private double[] totals() {
        double[] totals = new double[2];
        Search.in(meters).name("bookwise.db.round.trips").summaries().forEach(summary -> {
            totals[0] += summary.count();
            totals[1] += summary.totalAmount();
        });
        return totals;
    }
}
