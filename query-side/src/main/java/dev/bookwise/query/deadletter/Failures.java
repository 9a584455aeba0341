package dev.bookwise.query.deadletter;

import dev.bookwise.web.problem.Outages;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/** Tells a failure that will pass (an outage) from one that an event causes, and says what went wrong in words. */
public final class Failures {

    /** What fits Axon's cause_message column. */
    static final int MAX_TEXT = 1023;

    /**
     * SQLSTATE classes and codes of failures that retrying the same work can get past: serialization
     * failures and deadlocks (40), insufficient resources (53), operator intervention (57: shutdown,
     * a cancelled or timed-out statement), system errors (58) and a lock not available.
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("40", "53", "57", "58");

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** A qualified Java name ({@code dev.bookwise.events.BookingReserved}): it is shortened to its last part. */
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*)(?:\\$[A-Za-z0-9_$]*)?");

    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^(?:[A-Z][A-Za-z0-9_]*(?:Exception|Error)): ");

    private Failures() {}

    /**
     * Whether the failure is the database, Kafka or a timeout rather than the event: such an event is
     * never parked, its batch is retried (with the processor's back-off) until the outage is over.
     */
    public static boolean isTransient(Throwable failure) {
        if (Outages.isDatabaseUnavailable(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof TimeoutException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2))
                        || LOCK_NOT_AVAILABLE.equals(state)) {
                    return true;
                }
            }
            String name = t.getClass().getName();
            if (name.startsWith("org.apache.kafka.") || name.startsWith("org.springframework.kafka.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * What went wrong, for an operator: PostgreSQL's own message and SQLSTATE when the database refused
     * a write, otherwise the innermost message; never a stack trace, Java names shortened to their last part
     * (a qualified class name in a message becomes its simple name, which for events is the event type).
     */
    public static String describe(Throwable failure) {
        SQLException sql = innermostSql(failure);
        String text;
        if (sql != null) {
            text = firstLine(sql.getMessage()).replaceFirst("^ERROR: ", "");
            if (sql.getSQLState() != null) {
                text += " (SQLSTATE " + sql.getSQLState() + ")";
            }
        } else {
            text = innermostMessage(failure);
        }
        text = QUALIFIED_NAME.matcher(text).replaceAll("$1");
        text = EXCEPTION_PREFIX.matcher(text).replaceFirst("");
        if (text.isBlank()) {
            text = "the handler failed without saying why";
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    /** The SQLException closest to the root; a batch's own exception points at the statement that failed. */
    private static SQLException innermostSql(Throwable failure) {
        SQLException found = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql.getNextException() != null ? sql.getNextException() : sql;
            }
        }
        return found != null && found.getMessage() != null ? found : null;
    }

    private static String innermostMessage(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? "" : firstLine(message);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
