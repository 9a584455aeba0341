package dev.bookwise.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Which failures park an event. An outage (database, Kafka, a timeout) never does: the exception is
 * thrown on, so the batch fails and the processor retries it with its back-off, exactly as without a
 * dead-letter queue. Neither does a failure in a batch that is not yet run one event at a time
 * ({@link EventIsolation}). Everything else parks the event with a cause an operator can read, and
 * counts the attempts in the letter's diagnostics. A retried letter that fails again, for whatever
 * reason, stays parked with the new cause.
 */
final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String ATTEMPTS = "attempts";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        boolean retried = letter instanceof JdbcDeadLetter; // a retry of a parked letter: it stays parked
        if (!retried && (cause instanceof EventIsolation.IsolationRequired || Failures.isTransient(cause))) {
            throw cause instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(cause);
        }
        ThrowableCause readable = new ThrowableCause(typeOf(cause), Failures.describe(cause));
        return Decisions.<EventMessage<?>>enqueue(readable, DeadLetterPolicy::attempted);
    }

    private static MetaData attempted(DeadLetter<?> letter) {
        Object attempts = letter.diagnostics().get(ATTEMPTS);
        int before = attempts instanceof Number number ? number.intValue() : 0;
        return letter.diagnostics().and(ATTEMPTS, before + 1);
    }

    /** The class of the failure, kept in cause_type for whoever reads the table or the logs; never shown by the API. */
    private static String typeOf(Throwable cause) {
        String type = cause.getClass().getName();
        return type.length() <= 255 ? type : type.substring(0, 255);
    }
}
