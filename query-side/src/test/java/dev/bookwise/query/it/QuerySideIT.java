package dev.bookwise.query.it;

import dev.bookwise.query.QuerySideApplication;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.TestDatabase;
import dev.bookwise.testsupport.TestKafka;
import dev.bookwise.testsupport.TopicReader;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The query side over HTTP against a real PostgreSQL. Events are appended to the real event store
 * as the command side appends them: aggregate type HostCalendar, per-host sequence numbers,
 * the same tables and serializer.
 */
@SpringBootTest(
        classes = QuerySideApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "bookwise.admin-key=" + QuerySideIT.ADMIN,
            "bookwise.secret-key=it-secret-key-0123456789abcdef0123456789",
            "bookwise.min-position-wait=PT5S"
        })
abstract class QuerySideIT {

    static final String ADMIN = "it-admin-key-0123456789abcdef";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    PlatformTransactionManager transactions;

    Api api;

    private final Map<UUID, Long> nextSequence = new HashMap<>();

    /**
     * A fresh database, the shared test broker, and a topic and consumer group of this context's own,
     * so that no test sees another's events.
     */
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        String context = UUID.randomUUID().toString().substring(0, 8);
        registry.add("spring.kafka.bootstrap-servers", () -> TestKafka.shared().bootstrap());
        registry.add("bookwise.kafka.topic", () -> "bookwise.booking-events.it-" + context);
        registry.add("spring.kafka.consumer.group-id", () -> "bookwise-webhooks-it-" + context);
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** Appends events of one host in one transaction, as one command would; returns the last global position. */
    long append(UUID hostId, Object... events) {
        return append(hostId, MetaData.emptyInstance(), events);
    }

    /** As {@link #append(UUID, Object...)}, every event with this metadata (as a command's correlation data would). */
    long append(UUID hostId, MetaData metaData, Object... events) {
        return appendTo("HostCalendar", hostId, metaData, events);
    }

    /** Appends events of one team (aggregate type Team) in one transaction; returns the last global position. */
    long appendTeam(UUID teamId, Object... events) {
        return appendTo("Team", teamId, MetaData.emptyInstance(), events);
    }

    private long appendTo(String aggregateType, UUID id, MetaData metaData, Object... events) {
        List<DomainEventMessage<?>> messages = messages(aggregateType, id, metaData, events);
        new TransactionTemplate(transactions).executeWithoutResult(tx -> eventStore.publish(messages));
        return lastPosition(id);
    }

    /**
     * Appends events of one host in a transaction left open on a thread of its own: they hold their global
     * positions, unseen by any reader, until {@link OpenAppend#commit()} (as a slow command's events do).
     */
    OpenAppend appendOpen(UUID hostId, Object... events) {
        return new OpenAppend(hostId, messages("HostCalendar", hostId, MetaData.emptyInstance(), events));
    }

    private List<DomainEventMessage<?>> messages(String aggregateType, UUID id, MetaData metaData, Object... events) {
        return Arrays.stream(events)
                .<DomainEventMessage<?>>map(event -> new GenericDomainEventMessage<>(
                        aggregateType, id.toString(), nextSequence.merge(id, 1L, Long::sum) - 1, event, metaData))
                .toList();
    }

    private long lastPosition(UUID id) {
        return jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                id.toString());
    }

    /** Events appended in a transaction still open; {@link #position} is the last one's global position. */
    final class OpenAppend implements AutoCloseable {

        final long position;

        private final CountDownLatch commit = new CountDownLatch(1);
        private final CompletableFuture<Long> appended = new CompletableFuture<>();
        private final CompletableFuture<Void> committed = new CompletableFuture<>();

        private OpenAppend(UUID id, List<DomainEventMessage<?>> messages) {
            Thread thread = new Thread(
                    () -> {
                        try {
                            new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                                eventStore.publish(messages);
                                appended.complete(lastPosition(id));
                                awaitCommit(tx);
                            });
                            committed.complete(null);
                        } catch (RuntimeException | Error e) {
                            appended.completeExceptionally(e);
                            committed.completeExceptionally(e);
                        }
                    },
                    "open-append");
            thread.setDaemon(true);
            thread.start();
            position = appended.join();
        }

        private void awaitCommit(TransactionStatus tx) {
            try {
                // a test that never commits leaves no transaction open for good
                if (!commit.await(1, TimeUnit.MINUTES)) {
                    tx.setRollbackOnly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tx.setRollbackOnly();
            }
        }

        /** Commits the events; returns once they are committed. */
        void commit() {
            commit.countDown();
            committed.join();
        }

        /** Commits them if the test has not. */
        @Override
        public void close() {
            commit();
        }
    }

    /** The ids of each host's booking events in the event store, in the host's order. */
    Map<String, List<String>> bookingEventIdsByHost(List<UUID> hosts) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (UUID host : hosts) {
            ids.put(host.toString(), jdbc.queryForList("""
                    SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?
                       AND payload_type LIKE 'dev.bookwise.events.Booking%' ORDER BY sequence_number
                    """, String.class, host.toString()));
        }
        return ids;
    }

    /**
     * The records of {@code expected}'s hosts on the topic, read until every expected event id is
     * among them or the patience runs out (the context, and its topic, may be shared with other tests).
     */
    static List<ConsumerRecord<String, CloudEvent>> readTopicUntil(
            String topic, Map<String, List<String>> expected, Duration patience) {
        Set<String> ids = expected.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        try (TopicReader reader = new TopicReader(TestKafka.shared().bootstrap(), topic)) {
            return reader
                    .readUntil(
                            read -> read.stream()
                                    .map(r -> r.value().getId())
                                    .collect(Collectors.toSet())
                                    .containsAll(ids),
                            patience)
                    .stream()
                    .filter(r -> expected.containsKey(r.key()))
                    .toList();
        }
    }

    /** Each host's event ids in the order they first appear on the topic (later duplicates ignored). */
    static Map<String, List<String>> firstOccurrencesByHost(List<ConsumerRecord<String, CloudEvent>> records) {
        Map<String, List<String>> firstSeen = new LinkedHashMap<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            List<String> seen = firstSeen.computeIfAbsent(record.key(), k -> new ArrayList<>());
            if (!seen.contains(record.value().getId())) {
                seen.add(record.value().getId());
            }
        }
        return firstSeen;
    }

    static String keyDigest(String key) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
