package dev.bookwise.command.store;

import dev.bookwise.command.execution.PendingWrites;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event storage, except that a command's events are not inserted when Axon appends them
 * but handed to the command's {@link PendingWrites}, which sends them together with the rest of the
 * command's writes in one statement before the commit. The rows are the ones Axon's own append
 * writes (same columns, serializers and timestamp format), so every reader, Axon's included, reads
 * them as before; a lost race on a calendar's stream still ends in the unique constraint on
 * (aggregate, sequence), reported by that statement.
 * <p>
 * Reads of the store flush what is pending first, so that a read in the command's transaction (a
 * snapshot taken after the command) sees its events. Without a command running on the thread
 * (a deadline firing, a snapshot on its own) this is Axon's engine unchanged.
 */
public class BufferedEventStorageEngine extends JdbcEventStorageEngine {

    public BufferedEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        Optional<PendingWrites> pending = PendingWrites.current();
        if (pending.isEmpty() || !events.stream().allMatch(DomainEventMessage.class::isInstance)) {
            PendingWrites.flushPending();
            super.appendEvents(events, serializer);
            return;
        }
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = (DomainEventMessage<?>) message;
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            pending.get()
                    .append(new PendingWrites.EventRow(
                            event.getIdentifier(),
                            event.getAggregateIdentifier(),
                            event.getSequenceNumber(),
                            event.getType(),
                            DateTimeUtils.formatInstant(event.getTimestamp()),
                            payload.getType().getName(),
                            payload.getType().getRevision(),
                            payload.getData(),
                            metaData.getData()));
        }
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(
            String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        PendingWrites.flushPending();
        return super.fetchDomainEvents(aggregateIdentifier, firstSequenceNumber, batchSize);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        PendingWrites.flushPending();
        return super.readSnapshotData(aggregateIdentifier);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        PendingWrites.flushPending();
        return super.fetchTrackedEvents(lastToken, batchSize);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        PendingWrites.flushPending();
        return super.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        PendingWrites.flushPending();
        super.storeSnapshot(snapshot, serializer);
    }
}
