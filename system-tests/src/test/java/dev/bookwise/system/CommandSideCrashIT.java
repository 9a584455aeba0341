package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the command side in the middle of a booking load. Afterwards every booking a client got
 * a 201 for is in the event store and the read model; clients retrying the requests that got no
 * answer, with the same Idempotency-Key, get an answer, and the store then holds exactly the
 * bookings the clients know of (none twice, none unknown); no slot has two live bookings.
 */
class CommandSideCrashIT {

    @Test
    void everyAcknowledgedBookingSurvivesAKill9() {
        try (BookWise system = BookWise.start("crash-command", 1, 1)) {
            List<BookWise.Host> hosts = system.openHosts(16);
            AppProcess command = system.command();
            BookingLoad load = new BookingLoad(hosts, 16, command::api, Duration.ZERO).start();
            AppProcess.sleep(4_000);
            command.kill();
            int acknowledgedAtKill = load.acknowledged.size();
            AppProcess.sleep(1_000);
            command.start();
            AppProcess.sleep(3_000);
            load.stop();

            // the careful client: every request without an answer is sent again with its key
            Api api = command.api();
            int retried = 0;
            for (BookingLoad.Attempt attempt : Set.copyOf(load.unanswered)) {
                load.unanswered.remove(attempt);
                assertThat(load.send(api, attempt)).as("retry of %s", attempt).isEqualTo(201);
                retried++;
            }
            Set<String> acknowledged = new HashSet<>(load.acknowledged.values());
            Set<String> stored = system.reservedInStore();
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            Set<String> unknown = new HashSet<>(stored);
            unknown.removeAll(acknowledged);
            system.awaitReadModelComplete(Duration.ofSeconds(60));
            long inReadModel =
                    system.count("SELECT count(*) FROM booking_view WHERE booking_id::text = ANY(?)", (Object)
                            acknowledged.toArray(String[]::new));
            long doubles = system.doubleBookedSlots();
            System.out.printf(
                    "[faults] command side kill -9: bookings acknowledged %d (%d before the kill), "
                            + "retried without answer %d, in the store %d, in the read model %d, lost %d, unknown %d, "
                            + "double-booked slots %d, other answers %s%n",
                    acknowledged.size(),
                    acknowledgedAtKill,
                    retried,
                    stored.size(),
                    inReadModel,
                    lost.size(),
                    unknown.size(),
                    doubles,
                    load.statuses);

            assertThat(acknowledgedAtKill).as("bookings before the kill").isGreaterThan(0);
            assertThat(lost).as("acknowledged but not in the store").isEmpty();
            assertThat(unknown).as("in the store but never acknowledged").isEmpty();
            assertThat(inReadModel).isEqualTo(acknowledged.size());
            assertThat(doubles).isZero();
            assertThat(load.answeredOtherThan(201))
                    .as("answers other than 201: %s", load.unexpected)
                    .isZero();
            // the restarted aggregate knows its bookings: the same slots are taken
            BookingLoad.Attempt taken = load.acknowledged.keySet().iterator().next();
            Api.Response again = api.post("/api/bookings", taken.host().key(), taken.body());
            assertThat(again.status()).as(again.toString()).isEqualTo(409);
        }
    }
}
