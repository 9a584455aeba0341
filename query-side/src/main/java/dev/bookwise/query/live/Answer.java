package dev.bookwise.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One computation of a query's availability: {@link #body()} exactly what {@code GET /api/availability}
 * answers (the stream's {@code data}); {@link #slots()} its {@code slots} (the socket's), read from the body
 * only when a socket needs them, so an answer for streams alone is never parsed back.
 */
final class Answer {

    private final String body;
    private final ObjectMapper json;
    private volatile JsonNode slots;

    Answer(String body, ObjectMapper json) {
        this.body = body;
        this.json = json;
    }

    String body() {
        return body;
    }

    JsonNode slots() {
        JsonNode read = slots;
        if (read == null) {
            try {
                read = json.readTree(body).path("slots");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an availability answer could not be read back", e);
            }
            slots = read;
        }
        return read;
    }
}
