package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.Attendee;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.query.config.KafkaProperties;
import dev.bookwise.query.publish.KafkaPublisher;
import dev.bookwise.testsupport.Api;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * Every booking event of the event store reaches the topic as a structured-mode CloudEvent, parsed
 * back with the CloudEvents library: key = host, id = the event's id, type = its public name,
 * subject = the booking, data = the booking after the event; first occurrences in each host's order.
 */
@AutoConfigureObservability
class KafkaPublicationIT extends QuerySideIT {

    private static final Attendee BOB = new Attendee("Bob", "bob@example.com", "Europe/Paris");

    @Autowired
    KafkaProperties kafka;

    @Autowired
    ObjectMapper json;

    @Test
    void everyBookingEventIsOnTheTopicAsACloudEventInEachHostsOrder() throws IOException {
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<UUID> hosts = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (UUID host : hosts) {
            UUID confirmed = UUID.randomUUID();
            UUID expired = UUID.randomUUID();
            append(host, new HostRegistered(host, "Ada", "ada@example.com", "UTC", keyDigest("bwk_" + host)));
            append(host, reserved(host, confirmed, start));
            append(host, new BookingConfirmed(confirmed, host, "see you"));
            append(
                    host,
                    new BookingRescheduled(
                            confirmed,
                            host,
                            start,
                            start.plus(Duration.ofMinutes(30)),
                            start.plus(Duration.ofHours(1)),
                            start.plus(Duration.ofMinutes(90)),
                            5,
                            10));
            append(
                    host,
                    reserved(host, expired, start.plus(Duration.ofHours(3))),
                    new BookingExpired(expired, host, Instant.now()));
            append(host, new BookingCompleted(confirmed, host, null));
            UUID cancelled = UUID.randomUUID();
            append(
                    host,
                    reserved(host, cancelled, start.plus(Duration.ofHours(5))),
                    new BookingCancelled(cancelled, host, "changed my mind"));
        }
        // the event store's own ids and order of the booking events, per host
        Map<String, List<String>> expected = bookingEventIdsByHost(hosts);
        Set<String> expectedIds =
                expected.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        assertThat(expectedIds).hasSize(24);

        List<ConsumerRecord<String, CloudEvent>> records =
                readTopicUntil(kafka.topic(), expected, Duration.ofSeconds(60));
        Set<String> published = records.stream().map(r -> r.value().getId()).collect(Collectors.toSet());
        assertThat(published).as("every booking event and nothing else").isEqualTo(expectedIds);
        System.out.printf(
                "published %d booking events, %d records (%d duplicates)%n",
                expectedIds.size(), records.size(), records.size() - expectedIds.size());

        for (ConsumerRecord<String, CloudEvent> record : records) {
            CloudEvent event = record.value();
            assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .startsWith("application/cloudevents+json");
            assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
            assertThat(event.getSource().toString()).isEqualTo("/bookwise/hosts/" + record.key());
            assertThat(event.getTime()).isNotNull();
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            assertThat(event.getExtension("hostid")).isEqualTo(record.key());
            JsonNode booking = json.readTree(event.getData().toBytes());
            assertThat(event.getSubject()).isEqualTo(booking.path("bookingId").asText());
            assertThat(booking.path("hostId").asText()).isEqualTo(record.key());
            assertThat(booking.path("status").asText()).isEqualTo(statusAfter(event.getType()));
        }
        assertThat(firstOccurrencesByHost(records)).isEqualTo(expected);
        assertThat(records.stream().map(r -> r.value().getType()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "booking.reserved",
                        "booking.confirmed",
                        "booking.rescheduled",
                        "booking.expired",
                        "booking.completed",
                        "booking.cancelled");
        // the booking in data is the state after that event, not a later one
        CloudEvent rescheduled = records.stream()
                .map(ConsumerRecord::value)
                .filter(e -> e.getType().equals("booking.rescheduled"))
                .findFirst()
                .orElseThrow();
        JsonNode moved = json.readTree(rescheduled.getData().toBytes());
        assertThat(moved.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(Instant.parse(moved.path("start").asText())).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(moved.path("bufferAfterMinutes").asInt()).isEqualTo(10);
        assertThat(moved.path("reason").asText()).isEqualTo("see you");
    }

    @Test
    void theRecordContinuesTheTraceOfTheRequestThatCausedTheEvent() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        UUID host = UUID.randomUUID();
        UUID booking = UUID.randomUUID();
        append(
                host,
                MetaData.with("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"),
                reserved(host, booking, Instant.now().plus(1, ChronoUnit.DAYS)));
        ConsumerRecord<String, CloudEvent> record =
                readTopicUntil(kafka.topic(), bookingEventIdsByHost(List.of(host)), Duration.ofSeconds(60)).stream()
                        .filter(r -> r.key().equals(host.toString()))
                        .findFirst()
                        .orElseThrow();
        assertThat(record.headers().lastHeader("traceparent"))
                .as("traceparent header")
                .isNotNull();
        // the same trace; the parent is the publisher's own producer span, not the request's span
        assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .matches("00-" + traceId + "-(?!b7ad6b7169203331)[0-9a-f]{16}-01");
    }

    @Test
    void healthAndMetricsShowThePipeline() {
        Api.Response health = api.get("/actuator/health", ADMIN);
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("components").path("kafka").path("status").asText())
                .isEqualTo("UP");
        JsonNode processors = health.json().path("components").path("eventProcessors");
        assertThat(processors.path("status").asText()).isEqualTo("UP");
        assertThat(processors
                        .path("details")
                        .path(KafkaPublisher.GROUP)
                        .path("running")
                        .asBoolean())
                .isTrue();
        assertThat(processors
                        .path("details")
                        .path("booking-view")
                        .path("running")
                        .asBoolean())
                .isTrue();
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);

        UUID host = UUID.randomUUID();
        append(host, reserved(host, UUID.randomUUID(), Instant.now().plus(1, ChronoUnit.DAYS)));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/actuator/prometheus", ADMIN)
                        .body()
                        .lines()
                        .anyMatch(l -> l.startsWith("bookwise_kafka_published_total")
                                && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1));
        String scrape = api.get("/actuator/prometheus", ADMIN).body();
        assertThat(scrape)
                .contains("bookwise_processor_lag_events{processor=\"kafka-publisher\"}")
                .contains("bookwise_processor_lag_seconds{processor=\"booking-view\"}")
                .contains("bookwise_kafka_publish_lag_seconds_bucket")
                .containsPattern("(?m)^eventProcessor_\\w+\\{[^}]*processorName=\"kafka-publisher\"")
                .containsPattern("(?m)^eventProcessor_successCounter\\w*\\{[^}]*processorName=\"booking-view\"")
                // Axon's capacity monitor keeps a minute of per-message timings in memory: not on this side
                .doesNotContainPattern("(?m)^eventProcessor_capacity");
    }

    private static String statusAfter(String type) {
        return switch (type) {
            case "booking.reserved" -> "RESERVED";
            case "booking.confirmed", "booking.rescheduled" -> "CONFIRMED";
            case "booking.expired" -> "EXPIRED";
            case "booking.completed" -> "COMPLETED";
            case "booking.cancelled" -> "CANCELLED";
            default -> throw new AssertionError("unexpected type " + type);
        };
    }

    private static BookingReserved reserved(UUID host, UUID booking, Instant start) {
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(Duration.ofMinutes(30)),
                0,
                0,
                BOB,
                Instant.now().plus(Duration.ofMinutes(10)),
                "deadline-" + booking);
    }
}
