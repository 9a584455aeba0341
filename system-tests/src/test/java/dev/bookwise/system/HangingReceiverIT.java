package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.WebhookReceiver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One subscriber's receiver hangs (accepts the request, never answers) while another's answers at
 * once: the healthy subscriber's deliveries are not held up by the hanging one.
 */
class HangingReceiverIT {

    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aHangingReceiverDoesNotDelayOtherSubscribers() throws Exception {
        try (BookWise system = BookWise.start(
                        "hanging-receiver",
                        1,
                        1,
                        Map.of("BOOKWISE_WEBHOOK_TIMEOUT", "PT" + ATTEMPT_TIMEOUT.toSeconds() + "S"));
                WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.delay("/hang", Duration.ofMinutes(10));
            system.subscribeAll(receiver.url("/hang"));
            system.subscribeAll(receiver.url("/ok"));
            List<BookWise.Host> hosts = system.openHosts(4);
            BookingLoad load = new BookingLoad(hosts, 4, system.command()::api, Duration.ofMillis(100)).start();
            AppProcess.sleep(15_000);
            load.stop();

            Set<String> events = system.bookingEventIds();
            Set<String> delivered = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && !delivered.containsAll(events)) {
                delivered.clear();
                receiver.received("/ok")
                        .forEach(r -> delivered.add(QuerySideCrashIT.eventIdOf(r.header("webhook-id"))));
                AppProcess.sleep(250);
            }
            Map<String, Instant> committed = commitTimes(system);
            List<Long> lags = new ArrayList<>();
            Map<String, Instant> firstReceipt = new HashMap<>();
            receiver.received("/ok")
                    .forEach(r -> firstReceipt.merge(
                            QuerySideCrashIT.eventIdOf(r.header("webhook-id")),
                            r.at(),
                            (a, b) -> a.isBefore(b) ? a : b));
            firstReceipt.forEach(
                    (id, at) -> lags.add(Duration.between(committed.get(id), at).toMillis()));
            lags.sort(null);
            long p50 = lags.get(lags.size() / 2);
            long p95 = lags.get((int) Math.min(lags.size() - 1, Math.ceil(lags.size() * 0.95) - 1));
            long max = lags.get(lags.size() - 1);
            int hanging = receiver.received("/hang").size();
            System.out.printf(
                    "[faults] hanging receiver: booking events %d; healthy subscriber received %d, commit ->"
                            + " received p50 %d ms, p95 %d ms, max %d ms; requests the hanging receiver took and never"
                            + " answered %d (attempt timeout %d s)%n",
                    events.size(), delivered.size(), p50, p95, max, hanging, ATTEMPT_TIMEOUT.toSeconds());

            assertThat(hanging).as("the hanging receiver was tried").isGreaterThan(0);
            assertThat(delivered)
                    .as("every event reached the healthy subscriber")
                    .containsAll(events);
            // held up by the hanging one, deliveries would wait for its attempts' timeout
            assertThat(max).as("slowest healthy delivery, ms").isLessThan(ATTEMPT_TIMEOUT.toMillis());
        }
    }

    private static Map<String, Instant> commitTimes(BookWise system) throws Exception {
        Map<String, Instant> times = new HashMap<>();
        try (Connection connection = system.jdbc();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT event_identifier, time_stamp FROM domain_event_entry"
                        + " WHERE payload_type LIKE 'dev.bookwise.events.Booking%'")) {
            while (rows.next()) {
                times.put(rows.getString(1), Instant.parse(rows.getString(2)));
            }
        }
        return times;
    }
}
