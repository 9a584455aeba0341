package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A reservation expiring is a write on its calendar like a booking (the host's lock, the cache's
 * version check) and leaves the calendar cached at its new version: the next booking on that host
 * is still three round trips, not three plus reading the calendar again.
 */
@TestPropertySource(properties = {"bookwise.jdbc.count-round-trips=true", "bookwise.reservation-ttl=PT1S"})
class ExpiryRoundTripsIT extends CommandSideIT {

    @Autowired
    MeterRegistry meters;

    @Test
    void aBookingAfterAnExpiryIsStillThreeRoundTrips() throws InterruptedException {
        Host host = openHost();
        Api.Response first = reserve(host, slot(3));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (eventCount("BookingExpired") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(eventCount("BookingExpired")).as("the reservation expired").isEqualTo(1);

        RoundTripCount.Measured next = RoundTripCount.measure(
                meters,
                () -> reserve(
                        host, slot(3), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(next.response().status())
                .as("the expired reservation's slot is free again: %s", next.response())
                .isEqualTo(201);
        assertThat(next.roundTrips())
                .as("round trips of the booking after the expiry")
                .isEqualTo(3);
    }
}
