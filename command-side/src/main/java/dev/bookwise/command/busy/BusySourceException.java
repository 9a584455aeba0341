package dev.bookwise.command.busy;

/**
 * Why a busy source could not be read, in words for its owner (shown as the source's
 * {@code lastError}); the busy times last read from it stay as they were. The message never holds a
 * password or a Java class name.
 */
public final class BusySourceException extends Exception {

    /** What kind of failure, for callers that treat some differently (an authentication failure, a refusal). */
    public enum Kind {
        /** The URL's target is not allowed by the outbound rules. */
        REFUSED_TARGET,
        /** Connecting, TLS or the exchange failed. */
        UNREACHABLE,
        TIMEOUT,
        /** The server answered with a status other than the one expected. */
        HTTP_STATUS,
        /** The server refused the username or password (401). */
        AUTH_FAILED,
        /** The answer or calendar is larger than allowed. */
        TOO_LARGE,
        /** The answer is not iCalendar (or not a CalDAV multistatus). */
        NOT_ICALENDAR,
        /** The calendar expands to more occurrences than allowed. */
        TOO_MANY_OCCURRENCES
    }

    private final Kind kind;

    public BusySourceException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
