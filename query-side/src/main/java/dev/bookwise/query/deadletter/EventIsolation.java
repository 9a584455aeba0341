package dev.bookwise.query.deadletter;

import dev.bookwise.query.projection.ProjectionWrites;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lets a projection's dead-letter queue catch the event that broke a batch.
 * <p>
 * A projection's writes are held back and sent when the batch commits ({@link ProjectionWrites}), so
 * an event whose row PostgreSQL refuses does not fail in its handler, where Axon's dead-lettering
 * invoker would catch it, but at the commit, which rolls the whole batch back. And once a statement
 * has failed, PostgreSQL refuses every further one in that transaction, dead-letter inserts included.
 * <p>
 * So batches run as before, and a batch that fails is run again <em>one event at a time</em>: each
 * handler inside a savepoint with its writes sent before the savepoint is released. The event that
 * fails then fails in its handler, its writes are undone, and the invoker parks it with the rest of
 * its host's sequence; the batch commits with every other event. A handler that fails in an ordinary
 * batch fails the batch ({@link IsolationRequired}) so that the same happens, because the writes it
 * queued before failing would otherwise be sent with the others.
 * <p>
 * A retry of dead letters always runs one event at a time.
 */
final class EventIsolation implements HandlerEnhancerDefinition {

    private static final String ISOLATED = EventIsolation.class.getName() + ".isolated";

    private final Set<String> groups;
    private final ProjectionWrites writes;
    private final TransactionTemplate savepoint;
    /** Segments ("group/segment") whose last batch failed: their next batch runs one event at a time. */
    private final Set<String> failedSegments = ConcurrentHashMap.newKeySet();

    EventIsolation(Set<String> groups, ProjectionWrites writes, PlatformTransactionManager transactions) {
        this.groups = Set.copyOf(groups);
        this.writes = writes;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = original.declaringClass().getAnnotation(ProcessingGroup.class);
        if (group == null || !groups.contains(group.value())) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!CurrentUnitOfWork.isStarted()) {
                    return original.handle(message, target);
                }
                if (isolated(CurrentUnitOfWork.get(), group.value())) {
                    return Savepoints.apply(savepoint, writes, () -> original.handle(message, target));
                }
                try {
                    return original.handle(message, target);
                } catch (Exception e) {
                    throw new IsolationRequired(e);
                }
            }
        };
    }

    /** Whether this unit of work runs one event at a time; decided once per batch. */
    private boolean isolated(UnitOfWork<?> unitOfWork, String group) {
        if (unitOfWork.resources().containsKey(DeadLetter.class.getName())) {
            return true; // a retry of dead letters
        }
        UnitOfWork<?> batch = unitOfWork.root();
        return batch.getOrComputeResource(ISOLATED, key -> {
            // the tracking processor names the segment a batch belongs to (processor name = group here)
            Integer segmentId = batch.getResource("Processor[" + group + "]/SegmentId");
            if (segmentId == null) {
                return false;
            }
            String segment = group + "/" + segmentId;
            batch.onRollback(u -> failedSegments.add(segment));
            batch.afterCommit(u -> failedSegments.remove(segment));
            return failedSegments.contains(segment);
        });
    }

    /** A handler failed in an ordinary batch: the batch is to fail and be run again one event at a time. */
    static final class IsolationRequired extends RuntimeException {
        IsolationRequired(Throwable cause) {
            super("a handler failed; the batch is run again one event at a time", cause);
        }
    }
}
