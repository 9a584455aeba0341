package dev.bookwise.query.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.booking.BookingView;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A booking event as a CloudEvent 1.0: {@code id} the event's id, {@code type} its public name,
 * {@code source} the host, {@code subject} the booking, {@code time} when it happened, {@code data}
 * the booking after it. Extensions: {@code hostid}, {@code teamid} (a booking made through a team),
 * and {@code sequence} (the event's position in the host's stream, zero-padded so it orders as
 * text, per the CloudEvents sequence extension). A collective booking's host is its first member.
 */
final class BookingCloudEvents {

    static final String DATA_CONTENT_TYPE = "application/json";

    private final ObjectMapper json;
    private final String sourcePrefix;

    BookingCloudEvents(ObjectMapper json, String sourcePrefix) {
        this.json = json;
        this.sourcePrefix = sourcePrefix;
    }

    CloudEvent of(String eventId, String type, BookingView booking, Instant at, long sequence) {
        try {
            CloudEventBuilder builder = CloudEventBuilder.v1();
            if (booking.teamId() != null) {
                builder.withExtension("teamid", booking.teamId().toString());
            }
            return builder.withId(eventId)
                    .withType(type)
                    .withSource(URI.create(sourcePrefix + booking.hostId()))
                    .withSubject(booking.bookingId().toString())
                    .withTime(at.atOffset(ZoneOffset.UTC))
                    .withExtension("hostid", booking.hostId().toString())
                    .withExtension("sequence", String.format("%019d", sequence))
                    .withDataContentType(DATA_CONTENT_TYPE)
                    .withData(json.writeValueAsBytes(booking))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
