package dev.bookwise.web.request;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.UUID;

/** Ids given as text (a query parameter, a GraphQL argument): a missing or malformed one is {@code invalid-request}. */
public final class IdParams {

    private IdParams() {}

    public static UUID uuid(String name, String value) {
        if (value == null) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, name + " is required");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, name + " must be a UUID");
        }
    }
}
