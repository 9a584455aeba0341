package dev.bookwise.calendar.types;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The caller's own key-value pairs on a booking (a CRM id, a campaign): string to string, at most
 * {@value #MAX_KEYS} keys, each key 1..{@value #MAX_KEY_LENGTH} characters, each value (not null)
 * at most {@value #MAX_VALUE_LENGTH}. Breaking a rule is 400 invalid-request naming the key, as
 * the contract gives metadata no code of its own.
 */
public record Metadata(Map<String, String> values) {

    public static final int MAX_KEYS = 16;
    public static final int MAX_KEY_LENGTH = 40;
    public static final int MAX_VALUE_LENGTH = 500;

    public static final Metadata NONE = new Metadata(Map.of());

    public Metadata {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param given the metadata as the request carries it, or null for none
     * @throws BookwiseException invalid-request naming the first key that breaks a rule
     */
    public static Metadata check(Map<String, String> given) {
        if (given == null) {
            return NONE;
        }
        if (given.size() > MAX_KEYS) {
            throw invalid("metadata may hold at most " + MAX_KEYS + " keys, not " + given.size());
        }
        given.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw invalid("metadata key '" + key + "' must be 1 to " + MAX_KEY_LENGTH + " characters");
            }
            if (value == null || value.length() > MAX_VALUE_LENGTH) {
                throw invalid("metadata '" + key + "' must be a string of at most " + MAX_VALUE_LENGTH + " characters");
            }
        });
        return new Metadata(given);
    }

    private static BookwiseException invalid(String detail) {
        return new BookwiseException(ErrorCode.INVALID_REQUEST, detail);
    }
}
