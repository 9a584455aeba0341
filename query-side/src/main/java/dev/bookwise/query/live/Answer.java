package dev.bookwise.query.live;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One computation of a query's availability.
 *
 * @param body exactly what {@code GET /api/availability} answers (the stream's {@code data})
 * @param slots its {@code slots} (the socket's)
 */
record Answer(String body, JsonNode slots) {}
