package dev.bookwise.web.idempotency;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.ApiKeys;

/** The {@code Idempotency-Key} header every POST, PUT and PATCH accepts. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {}

    /**
     * @return the key, or null when the request has none
     * @throws BookwiseException invalid-request for an empty key or one over 255 characters
     */
    public static String check(String key) {
        if (key != null && (key.isEmpty() || key.length() > MAX_LENGTH)) {
            throw new BookwiseException(
                    ErrorCode.INVALID_REQUEST, "Idempotency-Key must be 1 to " + MAX_LENGTH + " characters");
        }
        return key;
    }

    /** What identifies a request under its key: the same key with another fingerprint is idempotency-key-reused. */
    public static String fingerprint(String method, String path, String canonicalBody) {
        return ApiKeys.sha256Hex(method + " " + path + "\n" + canonicalBody);
    }
}
