package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.TestKafka;
import dev.bookwise.testsupport.WebhookReceiver;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

/**
 * Catching up after a restart, and after the database refused the fan-out's writes.
 * <p>
 * After a restart: 30,000 booking events of hosts that have no subscription wait on the
 * topic while the fan-out is stopped, with one fresh event of a subscribed host behind them. When
 * the fan-out starts again the backlog must drain fast (a record nobody wants costs no database
 * work) and the fresh event must reach its receiver within a bound, not after the whole backlog at
 * a transaction per record.
 * <p>
 * The backlog is produced straight to the topic as the publisher writes its records. Its events are
 * not in the event store: the fan-out checks the store only for the records some subscription wants
 * (one query per batch), and none of these is wanted.
 */
@TestPropertySource(properties = {"bookwise.webhook.allow-loopback=true"})
class WebhookBacklogIT extends QuerySideIT {

    private static final int BACKLOG = 30_000;
    private static final int BACKLOG_HOSTS = 1_000;
    /**
     * The whole backlog within this after the start: at least 1,000 records a second even on a
     * machine shared with other builds (a transaction per record managed 859 a second there).
     */
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(30);
    /** The fresh event's delivery within this after the start, though its partition holds ~5,000 records before it. */
    private static final Duration FRESH_BOUND = Duration.ofSeconds(15);
    /**
     * PostgreSQL transactions of this database while the backlog drains: the fan-out's few per poll
     * and the other processors' polling, far fewer than one per record however fast the machine is.
     */
    private static final long TRANSACTIONS_BOUND = BACKLOG / 3;

    private static final WebhookReceiver receiver = new WebhookReceiver();

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${bookwise.kafka.topic}")
    String topic;

    @Value("${spring.kafka.consumer.group-id}")
    String group;

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aBacklogOfUnsubscribedHostsDrainsFastAfterARestartAndAFreshDeliveryBehindItArrivesInTime() throws Exception {
        UUID host = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        long position = append(host, new HostRegistered(host, "Ada", "ada@example.com", "UTC", keyDigest(key)));
        Api.Response created = api.post(
                "/api/webhooks?minPosition=" + position,
                key,
                Api.json(Map.of("url", receiver.url("/fresh"), "events", List.of("booking.reserved"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        append(host, reserved(host, Instant.now().plus(1, ChronoUnit.DAYS)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> receiver.received("/fresh").size() == 1);

        MessageListenerContainer fanOut = listeners.getListenerContainer("webhook-fan-out");
        fanOut.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !fanOut.isRunning());

        long produceStarted = System.nanoTime();
        produceBacklog();
        double produceSeconds = (System.nanoTime() - produceStarted) / 1e9;
        UUID fresh = UUID.randomUUID();
        append(host, reserved(host, fresh, Instant.now().plus(2, ChronoUnit.DAYS)));
        // the publisher has put the fresh event on the topic, behind the backlog of its partition
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM published_booking WHERE booking_id = ?", Long.class, fresh)
                        == 1);
        try (AdminClient admin = AdminClient.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrap()))) {
            long backlog = lag(admin);
            assertThat(backlog).as("records waiting for the fan-out").isGreaterThanOrEqualTo(BACKLOG + 1);

            long transactionsBefore = transactions();
            long started = System.nanoTime();
            fanOut.start();
            await().atMost(FRESH_BOUND.plusSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> receiver.received("/fresh").stream()
                            .anyMatch(r -> r.body().contains(fresh.toString())));
            Duration freshAfter = Duration.ofNanos(System.nanoTime() - started);
            await().atMost(DRAIN_BOUND.plusSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> lag(admin) == 0);
            Duration drained = Duration.ofNanos(System.nanoTime() - started);
            long transactions = transactions() - transactionsBefore;

            System.out.printf(
                    "[webhook-backlog] %d records of %d unsubscribed hosts produced in %.1f s; after the fan-out's"
                            + " restart the backlog of %d drained in %.2f s (%.0f records/s); the fresh delivery"
                            + " behind it arrived %d ms after the restart; %d PostgreSQL transactions meanwhile%n",
                    BACKLOG,
                    BACKLOG_HOSTS,
                    produceSeconds,
                    backlog,
                    drained.toMillis() / 1000.0,
                    backlog / (drained.toMillis() / 1000.0),
                    freshAfter.toMillis(),
                    transactions);
            assertThat(freshAfter).as("fresh delivery after the restart").isLessThan(FRESH_BOUND);
            assertThat(drained).as("backlog drained after the restart").isLessThan(DRAIN_BOUND);
            assertThat(transactions)
                    .as("database transactions while %d records nobody wants drained", backlog)
                    .isLessThan(TRANSACTIONS_BOUND);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE host_id = ?", Long.class, host))
                .as("only the subscribed host's two events made messages")
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE host_id <> ?", Long.class, host))
                .isZero();
    }

    /**
     * A batch whose messages the database would not take (here: their table is away for a while) is
     * tried again until they are stored; its offsets do not move past it, so its webhooks are late,
     * never lost.
     */
    @Test
    void aBatchTheDatabaseRefusedIsTriedAgainUntilItsMessagesAreStored() {
        UUID host = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        long position = append(host, new HostRegistered(host, "Bea", "bea@example.com", "UTC", keyDigest(key)));
        Api.Response created = api.post(
                "/api/webhooks?minPosition=" + position,
                key,
                Api.json(Map.of("url", receiver.url("/after-outage"), "events", List.of("booking.reserved"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        jdbc.execute("ALTER TABLE webhook_delivery RENAME TO webhook_delivery_away");
        try {
            long before = rollbacks();
            append(host, reserved(host, Instant.now().plus(1, ChronoUnit.DAYS)));
            // the fan-out tried to store the message and failed, more than once
            await().atMost(Duration.ofSeconds(60)).until(() -> rollbacks() >= before + 2);
        } finally {
            jdbc.execute("ALTER TABLE webhook_delivery_away RENAME TO webhook_delivery");
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> receiver.received("/after-outage").size() == 1);
    }

    /** Committed transactions of this test's database so far (PostgreSQL's statistics, up to a second behind). */
    private long transactions() {
        return jdbc.queryForObject(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", Long.class);
    }

    private long rollbacks() {
        return jdbc.queryForObject(
                "SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()", Long.class);
    }

    /** Records the fan-out has not committed yet, over every partition of the topic. */
    private long lag(AdminClient admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        List<TopicPartition> partitions = admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Map<TopicPartition, Long> ends = admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get(10, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            lag += ends.get(partition) - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    /** BACKLOG booking.reserved CloudEvents of BACKLOG_HOSTS hosts, as the publisher writes them. */
    private void produceBacklog() {
        List<UUID> hosts = new ArrayList<>();
        for (int i = 0; i < BACKLOG_HOSTS; i++) {
            hosts.add(UUID.randomUUID());
        }
        try (KafkaProducer<String, CloudEvent> producer = TopicRecords.producer()) {
            for (int i = 0; i < BACKLOG; i++) {
                UUID hostId = hosts.get(i % BACKLOG_HOSTS);
                producer.send(new ProducerRecord<>(
                        topic,
                        hostId.toString(),
                        TopicRecords.reserved(
                                UUID.randomUUID().toString(), hostId, i / BACKLOG_HOSTS, UUID.randomUUID())));
            }
            producer.flush();
        }
    }

    private static BookingReserved reserved(UUID host, Instant start) {
        return reserved(host, UUID.randomUUID(), start);
    }

    private static BookingReserved reserved(UUID host, UUID booking, Instant start) {
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(Duration.ofMinutes(30)),
                0,
                0,
                new Attendee("Bob", "bob@example.com", "Europe/Paris"),
                Instant.now().plus(Duration.ofMinutes(10)),
                "deadline-" + booking);
    }
}
