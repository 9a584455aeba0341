package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
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

        RoundTripCount.Measured booked = measure(() -> reserve(host, start, "Idempotency-Key", key));
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

        RoundTripCount.Measured replayed = measure(() -> reserve(host, start, "Idempotency-Key", key));
        assertThat(replayed.response().header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.response().body()).isEqualTo(booked.response().body());
        assertThat(replayed.roundTrips()).as("a replay").isEqualTo(2);

        RoundTripCount.Measured refused = measure(
                () -> reserve(host, start, "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(refused.response().code()).isEqualTo("slot-unavailable");
        assertThat(refused.roundTrips()).as("a conflict with a key").isEqualTo(3);

        RoundTripCount.Measured withoutKey = measure(() -> reserve(host, slot(12)));
        assertThat(withoutKey.response().status()).as(withoutKey.toString()).isEqualTo(201);
        RoundTripCount.Measured next = measure(() ->
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

    private RoundTripCount.Measured measure(Supplier<Api.Response> request) {
        return RoundTripCount.measure(meters, request);
    }
}
