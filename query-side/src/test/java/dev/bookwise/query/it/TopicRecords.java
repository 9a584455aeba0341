package dev.bookwise.query.it;

import dev.bookwise.testsupport.TestKafka;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** Booking-event records written straight to the topic, shaped as the publisher writes them (structured CloudEvents). */
final class TopicRecords {

    private TopicRecords() {}

    static KafkaProducer<String, CloudEvent> producer() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.shared().bootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                "cloudevents.serializer.encoding",
                "STRUCTURED",
                "cloudevents.serializer.event_format",
                "application/cloudevents+json");
        return new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer());
    }

    /** A booking.reserved CloudEvent with this id, host, position and booking. */
    static CloudEvent reserved(String eventId, UUID hostId, long sequence, UUID booking) {
        Instant now = Instant.now();
        String data = """
                {"bookingId":"%s","hostId":"%s","status":"RESERVED","start":"2027-01-05T14:00:00Z",
                 "end":"2027-01-05T14:30:00Z","expiresAt":"%s",
                 "attendee":{"name":"Bob","email":"bob@example.com","timeZone":"Europe/Paris"},
                 "bufferBeforeMinutes":0,"bufferAfterMinutes":0,"reason":null,"createdAt":"%s","updatedAt":"%s"}
                """.formatted(booking, hostId, now.plus(Duration.ofMinutes(10)), now, now);
        return CloudEventBuilder.v1()
                .withId(eventId)
                .withSource(URI.create("/bookwise/hosts/" + hostId))
                .withType("booking.reserved")
                .withSubject(booking.toString())
                .withTime(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension("hostid", hostId.toString())
                .withExtension("sequence", String.format("%019d", sequence))
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
