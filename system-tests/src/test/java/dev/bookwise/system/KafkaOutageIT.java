package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bookwise.testsupport.WebhookReceiver;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stopped for 60 s under a booking load: bookings keep succeeding (Kafka is not on
 * the booking path); afterwards every booking event is on the topic and every webhook delivered.
 */
class KafkaOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void bookingsGoOnWhileKafkaIsDownAndEverythingIsPublishedAfterwards() {
        try (BookWise system = BookWise.start("kafka-outage", 1, 1);
                WebhookReceiver receiver = new WebhookReceiver()) {
            assumeTrue(system.kafka.controllable(), "the broker is BOOKWISE_TEST_KAFKA's, not ours to stop");
            system.subscribeAll(receiver.url("/all"));
            List<BookWise.Host> hosts = system.openHosts(4);
            BookingLoad load = new BookingLoad(hosts, 4, system.command()::api, Duration.ofMillis(100)).start();
            AppProcess.sleep(3_000);
            system.kafka.stop();
            int beforeOutage = load.acknowledged.size();
            AppProcess.sleep(OUTAGE.toMillis());
            int duringOutage = load.acknowledged.size() - beforeOutage;
            system.kafka.start();
            long back = System.nanoTime();
            AppProcess.sleep(3_000);
            load.stop();

            Set<String> events = system.bookingEventIds();
            List<ConsumerRecord<String, CloudEvent>> records = system.readTopic(events, Duration.ofSeconds(180));
            Set<String> missing = BookWise.missing(events, records);
            double publishedAfter = (System.nanoTime() - back) / 1e9;

            Set<String> delivered = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && !delivered.containsAll(events)) {
                receiver.received("/all")
                        .forEach(r -> delivered.add(QuerySideCrashIT.eventIdOf(r.header("webhook-id"))));
                AppProcess.sleep(250);
            }
            double deliveredAfter = (System.nanoTime() - back) / 1e9;
            Set<String> undelivered = new HashSet<>(events);
            undelivered.removeAll(delivered);

            System.out.printf(
                    "[faults] Kafka down %d s: bookings acknowledged %d (%d during the outage), other answers %d;"
                            + " booking events %d, Kafka records %d, duplicated %d, missing %d (all on the topic %.1f s"
                            + " after the broker was back); webhooks delivered %d, missing %d (%.1f s after)%n",
                    OUTAGE.toSeconds(),
                    load.acknowledged.size(),
                    duringOutage,
                    load.answeredOtherThan(201),
                    events.size(),
                    records.size(),
                    BookWise.duplicates(records),
                    missing.size(),
                    publishedAfter,
                    delivered.size(),
                    undelivered.size(),
                    deliveredAfter);

            assertThat(duringOutage).as("bookings during the outage").isGreaterThan(0);
            assertThat(load.answeredOtherThan(201))
                    .as("answers other than 201: %s", load.unexpected)
                    .isZero();
            assertThat(load.unanswered).isEmpty();
            assertThat(missing).as("events missing from Kafka").isEmpty();
            assertThat(undelivered).as("events never delivered to the webhook").isEmpty();
        }
    }
}
