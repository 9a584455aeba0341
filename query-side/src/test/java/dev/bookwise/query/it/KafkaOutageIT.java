package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.query.config.KafkaProperties;
import dev.bookwise.query.publish.KafkaPublisher;
import dev.bookwise.testsupport.TestKafka;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Nothing is lost when the publisher stops mid-stream or Kafka goes away while bookings continue:
 * afterwards every booking event is on the topic, first occurrences in each host's order.
 * Duplicates are allowed (at least once) and counted.
 */
@TestPropertySource(
        properties = {
            "spring.kafka.producer.properties.delivery.timeout.ms=8000",
            "spring.kafka.producer.properties.request.timeout.ms=3000",
            "spring.kafka.producer.properties.max.block.ms=2000",
            "bookwise.kafka.ack-timeout=PT10S"
        })
class KafkaOutageIT extends QuerySideIT {

    private static final Attendee BOB = new Attendee("Bob", "bob@example.com", "Europe/Paris");

    @Autowired
    KafkaProperties kafka;

    @Autowired
    EventProcessingConfiguration processing;

    private final List<UUID> hosts =
            List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private final Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private int booked;

    @Test
    void noEventIsLostWhenThePublisherRestartsMidStreamOrKafkaIsDown() throws Exception {
        Assumptions.assumeTrue(TestKafka.shared().controllable(), "needs a broker these tests can stop");
        hosts.forEach(
                host -> append(host, new HostRegistered(host, "Ada", "ada@example.com", "UTC", keyDigest("k" + host))));

        book(40);
        EventProcessor publisher =
                processing.eventProcessor(KafkaPublisher.GROUP).orElseThrow();
        publisher.shutDown(); // the publisher stops mid-stream ...
        book(40); // ... bookings go on ...
        publisher.start(); // ... and it resumes from its token
        book(20);

        TestKafka.shared().stop(); // Kafka goes away ...
        try {
            book(60); // ... bookings do not notice
        } finally {
            Thread.sleep(12_000); // longer than the producer's delivery timeout: the batch fails and is retried
            TestKafka.shared().start();
        }
        book(20);

        Map<String, List<String>> expected = bookingEventIdsByHost(hosts);
        Set<String> expectedIds =
                expected.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        assertThat(expectedIds).hasSize(booked);

        List<ConsumerRecord<String, CloudEvent>> records =
                readTopicUntil(kafka.topic(), expected, Duration.ofSeconds(150));
        Set<String> published = records.stream().map(r -> r.value().getId()).collect(Collectors.toSet());
        Set<String> missing = new HashSet<>(expectedIds);
        missing.removeAll(published);
        System.out.printf(
                "KafkaOutageIT: %d booking events committed, %d records on the topic, %d missing, %d duplicates%n",
                expectedIds.size(), records.size(), missing.size(), records.size() - published.size());
        assertThat(missing).as("events missing from the topic").isEmpty();
        assertThat(published).isEqualTo(expectedIds);

        assertThat(firstOccurrencesByHost(records)).isEqualTo(expected);
    }

    private void book(int count) {
        for (int i = 0; i < count; i++) {
            UUID host = hosts.get(booked % hosts.size());
            Instant slot = start.plus(Duration.ofMinutes(30L * booked));
            append(
                    host,
                    new BookingReserved(
                            UUID.randomUUID(),
                            host,
                            slot,
                            slot.plus(Duration.ofMinutes(30)),
                            0,
                            0,
                            BOB,
                            Instant.now().plus(Duration.ofMinutes(10)),
                            "deadline"));
            booked++;
        }
    }
}
