package dev.bookwise.web.paging;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Opaque page cursors: the sort key of the last item of a page, as text fields joined and encoded
 * URL-safe. A cursor the API did not give out is refused as invalid-request.
 */
public final class Cursors {

    private static final String SEPARATOR = "|";

    private Cursors() {}

    public static String encode(Object... fields) {
        StringBuilder text = new StringBuilder();
        for (Object field : fields) {
            text.append(text.isEmpty() ? "" : SEPARATOR).append(field);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param fields how many fields the cursor holds
     * @param read   makes the cursor's value from its fields; any exception it throws means a forged cursor
     */
    public static <T> T decode(String cursor, int fields, Function<List<String>, T> read) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(text.split("\\" + SEPARATOR, -1));
            if (parts.size() != fields) {
                throw new IllegalArgumentException("wrong number of fields");
            }
            return read.apply(parts);
        } catch (RuntimeException e) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "cursor is not one this API gave out");
        }
    }
}
