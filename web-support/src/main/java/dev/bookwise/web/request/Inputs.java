package dev.bookwise.web.request;

/**
 * Patterns for text that goes into events and from there into PostgreSQL, logs, e-mails and other
 * people's screens: no NUL (PostgreSQL cannot store it), no bidirectional controls (which make a
 * name display as something else), no line or paragraph separators, no unpaired surrogates.
 */
public final class Inputs {

    private static final String INVISIBLE = "\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}\\x{2028}\\x{2029}\\p{Cs}";

    /** Names and addresses: no control characters at all. */
    public static final String PRINTABLE = "[^\\p{Cntrl}" + INVISIBLE + "]*";
    /** Free text such as reasons: line breaks are fine, NUL is not. */
    public static final String NO_NUL = "[^\\x00" + INVISIBLE + "]*";

    private Inputs() {}
}
