package dev.bookwise.query.deadletter;

import dev.bookwise.query.projection.ProjectionWrites;
import java.util.concurrent.Callable;
import org.springframework.transaction.support.TransactionTemplate;

/** One event's projection work inside a savepoint of the surrounding transaction. */
public final class Savepoints {

    private Savepoints() {}

    /**
     * Runs {@code handler} and sends the writes it queued in a savepoint ({@code savepoint} must use
     * nested propagation). If either fails, the savepoint is rolled back, nothing the handler queued
     * stays queued, the transaction can go on, and the failure is thrown.
     */
    public static <T> T apply(TransactionTemplate savepoint, ProjectionWrites writes, Callable<T> handler)
            throws Exception {
        try {
            return savepoint.execute(status -> {
                try {
                    T result = handler.call();
                    writes.flush();
                    return result;
                } catch (Exception e) {
                    discardQueued(writes);
                    throw new Failed(e);
                }
            });
        } catch (Failed failed) {
            throw (Exception) failed.getCause();
        }
    }

    /**
     * Writes the failed handler queued must not go out with the next event's: sending them empties the
     * queue, and the savepoint's rollback undoes them (a failure while sending is the same as success here).
     */
    private static void discardQueued(ProjectionWrites writes) {
        try {
            writes.flush();
        } catch (RuntimeException ignored) {
            // rolled back with the savepoint either way
        }
    }

    private static final class Failed extends RuntimeException {
        Failed(Exception cause) {
            super(cause);
        }
    }
}
