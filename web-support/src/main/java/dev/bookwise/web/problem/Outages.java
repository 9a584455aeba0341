package dev.bookwise.web.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Recognises failures that mean "the database is unreachable right now": a 503 to retry, not a 500. */
public final class Outages {

    /** SQLSTATEs of connection loss, server shutdown and exhaustion (classes 08, 57P0x, 53300). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    /**
     * What the connection pool (HikariCP) says, without an SQLSTATE, when a statement or a rollback is
     * tried on a connection it has already evicted because the server dropped it.
     */
    private static final String EVICTED_CONNECTION = "Connection is closed";

    private Outages() {}

    public static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() == null
                    && EVICTED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
