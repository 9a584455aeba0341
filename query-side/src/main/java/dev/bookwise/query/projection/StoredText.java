package dev.bookwise.query.projection;

/**
 * Text from events as PostgreSQL can store it: NUL, which a text column refuses, becomes U+FFFD.
 * The command side refuses NUL in input, but events are facts: one that slipped in must not stop a projection.
 */
public final class StoredText {

    private StoredText() {}

    public static String of(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    /**
     * JSON text as a jsonb column takes it: jsonb refuses the escaped NUL ({@code \\u0000}) that
     * Jackson writes for a NUL in a string, so it becomes U+FFFD as in {@link #of}.
     */
    public static String json(String json) {
        return json == null || !json.contains("\\u0000")
                ? json
                : NUL_ESCAPE.matcher(json).replaceAll("$1\\\\uFFFD");
    }

    // an escaped NUL (backslash, u0000) after an even number of backslashes (an odd one would escape the first)
    private static final java.util.regex.Pattern NUL_ESCAPE =
            java.util.regex.Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");
}
