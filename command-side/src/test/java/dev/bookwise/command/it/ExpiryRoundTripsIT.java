package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
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

        double[] before = totals();
        Api.Response next =
                reserve(host, slot(3), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(next.status())
                .as("the expired reservation's slot is free again: %s", next)
                .isEqualTo(201);
        double[] after = totals();
        while (after[0] == before[0] && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            after = totals();
        }
        assertThat(Math.round(after[1] - before[1]))
                .as("round trips of the booking after the expiry")
                .isEqualTo(3);
    }

    private double[] totals() {
        double[] totals = new double[2];
        Search.in(meters).name("bookwise.db.round.trips").summaries().forEach(summary -> {
            totals[0] += summary.count();
            totals[1] += summary.totalAmount();
        });
        return totals;
    }
}
