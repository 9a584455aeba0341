package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.WebhookReceiver;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the query side while bookings keep coming. After its restart the read model holds every
 * booking exactly once, every booking event is on the topic, and webhook delivery resumes until the
 * receiver has had every event.
 */
class QuerySideCrashIT {

    @Test
    void projectionsPublicationAndWebhooksResumeAfterAKill9() {
        try (BookWise system = BookWise.start("crash-query", 1, 1);
                WebhookReceiver receiver = new WebhookReceiver()) {
            system.subscribeAll(receiver.url("/all"));
            List<BookWise.Host> hosts = system.openHosts(8);
            AppProcess query = system.query();
            BookingLoad load = new BookingLoad(hosts, 8, system.command()::api, Duration.ofMillis(50)).start();
            AppProcess.sleep(4_000);
            query.kill();
            AppProcess.sleep(3_000);
            query.start();
            AppProcess.sleep(3_000);
            load.stop();

            system.awaitReadModelComplete(Duration.ofSeconds(90));
            Set<String> reserved = system.reservedInStore();
            long rows = system.count("SELECT count(*) FROM booking_view");
            long distinctRows = system.count("SELECT count(DISTINCT booking_id) FROM booking_view");
            Set<String> projected = system.strings("SELECT booking_id::text FROM booking_view");

            Set<String> events = system.bookingEventIds();
            List<ConsumerRecord<String, CloudEvent>> records = system.readTopic(events, Duration.ofSeconds(90));
            Set<String> missingOnTopic = BookWise.missing(events, records);

            Set<String> delivered = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            List<WebhookReceiver.Received> received = List.of();
            while (System.nanoTime() < deadline && !delivered.containsAll(events)) {
                received = receiver.received("/all");
                received.forEach(r -> delivered.add(eventIdOf(r.header("webhook-id"))));
                AppProcess.sleep(250);
            }
            Set<String> undelivered = new HashSet<>(events);
            undelivered.removeAll(delivered);

            System.out.printf(
                    "[faults] query side kill -9: bookings acknowledged %d, in the store %d, read-model rows %d"
                            + " (%d distinct); booking events %d, Kafka records %d, duplicated %d, missing %d;"
                            + " webhooks received %d, events delivered %d, missing %d%n",
                    load.acknowledged.size(),
                    reserved.size(),
                    rows,
                    distinctRows,
                    events.size(),
                    records.size(),
                    BookWise.duplicates(records),
                    missingOnTopic.size(),
                    received.size(),
                    delivered.size(),
                    undelivered.size());

            assertThat(load.answeredOtherThan(201))
                    .as("bookings are not affected: %s", load.unexpected)
                    .isZero();
            assertThat(load.unanswered).isEmpty();
            assertThat(new HashSet<>(load.acknowledged.values())).isEqualTo(reserved);
            assertThat(projected).as("no gap in the read model").isEqualTo(reserved);
            assertThat(rows).isEqualTo(distinctRows);
            assertThat(missingOnTopic).as("events missing from Kafka").isEmpty();
            assertThat(undelivered).as("events never delivered to the webhook").isEmpty();
        }
    }

    /** {@code msg_<eventId>_<subscriptionId>} → the event id. */
    static String eventIdOf(String webhookId) {
        return webhookId.substring("msg_".length(), webhookId.lastIndexOf('_'));
    }
}
