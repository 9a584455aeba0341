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
}
