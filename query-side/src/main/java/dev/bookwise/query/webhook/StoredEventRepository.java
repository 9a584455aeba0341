package dev.bookwise.query.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.publish.BookingEventTypes;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The event store as the fan-out checks it: a message is signed and sent only for an event that is
 * in the store, with the host, position, type and booking the record claims. One query per batch
 * of records, and only for the records some subscription wants.
 */
@Repository
class StoredEventRepository {

    /** What the store says about one event. */
    record StoredEvent(
            String eventId, String hostId, long sequence, String type, String bookingId, Instant occurredAt) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    StoredEventRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The stored booking events among these ids, by id; ids that are not in the store are absent. */
    Map<String, StoredEvent> find(Collection<String> eventIds) {
        Map<String, StoredEvent> found = new HashMap<>();
        if (eventIds.isEmpty()) {
            return found;
        }
        jdbc.query(
                """
                SELECT event_identifier, aggregate_identifier, sequence_number, payload_type, payload, time_stamp
                  FROM domain_event_entry WHERE event_identifier = ANY (?)
                """,
                rs -> {
                    Optional<String> type = BookingEventTypes.ofPayloadType(rs.getString("payload_type"));
                    if (type.isEmpty()) {
                        return;
                    }
                    String eventId = rs.getString("event_identifier");
                    found.put(
                            eventId,
                            new StoredEvent(
                                    eventId,
                                    rs.getString("aggregate_identifier"),
                                    rs.getLong("sequence_number"),
                                    type.get(),
                                    bookingId(rs.getBytes("payload")),
                                    instant(rs.getString("time_stamp"))));
                },
                (Object) eventIds.toArray(String[]::new));
        return found;
    }

    private String bookingId(byte[] payload) {
        try {
            JsonNode id = json.readTree(payload).path("bookingId");
            return id.isTextual() ? id.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant instant(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
