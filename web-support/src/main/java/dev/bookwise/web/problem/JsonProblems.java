package dev.bookwise.web.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body in the API's words: which field, and what kind of value it
 * takes. Jackson's own messages name Java types ({@code java.lang.Integer}, {@code LinkedHashMap}),
 * which mean nothing to a client and tell more than it needs about the server.
 */
public final class JsonProblems {

    private JsonProblems() {}

    /** @param failure what reading the body threw, or any exception with Jackson's among its causes */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException) {
                failure = t;
                break;
            }
        }
        if (failure instanceof JsonMappingException mapping) {
            String original = mapping.getOriginalMessage() == null ? "" : mapping.getOriginalMessage();
            String field = field(mapping);
            if (!(mapping instanceof MismatchedInputException)
                    && !original.contains("`")
                    && !original.contains("java.")
                    && !original.isBlank()) {
                // a message of our own deserializers: already in API words
                return field.isEmpty() ? original : field + ": " + original;
            }
            Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            String expected = target == null ? "a value of another kind" : kind(target);
            return field.isEmpty() ? "the request body must be " + expected : field + " must be " + expected;
        }
        if (failure instanceof JsonParseException parse && parse.getLocation() != null) {
            return "the request body is not valid JSON (line "
                    + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr() + ")";
        }
        if (failure instanceof JsonProcessingException) {
            return "the request body is not valid JSON";
        }
        return "the request body is missing or not valid JSON";
    }

    private static String field(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String kind(Class<?> type) {
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant with an offset, such as 2026-05-01T09:00:00Z";
        }
        if (type == LocalDate.class) {
            return "a date, such as 2026-05-01";
        }
        if (type == LocalTime.class) {
            return "a time of day, such as 09:30";
        }
        if (type == LocalDateTime.class) {
            return "a local date-time, such as 2026-05-01T09:30";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration, such as PT30M";
        }
        if (ZoneId.class.isAssignableFrom(type)) {
            return "an IANA time zone, such as Europe/Paris";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object";
    }
}
