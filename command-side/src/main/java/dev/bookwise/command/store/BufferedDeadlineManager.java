package dev.bookwise.command.store;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import dev.bookwise.command.execution.PendingWrites;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.SerializedObject;

/**
 * Axon's persistent deadlines on db-scheduler, except that a deadline scheduled by a running
 * command (a reservation's expiry) is not inserted at once (db-scheduler looks for an existing row
 * first, then inserts: two round trips) but handed to the command's {@link PendingWrites}, which
 * inserts the same row with the rest of the command's writes. The row is the one db-scheduler
 * itself writes for Axon's binary deadline task (task name, instance id, details serialized with
 * db-scheduler's Java serializer, not picked, version 1), so db-scheduler finds and fires it, and
 * Axon cancels it, as any other. Without a command running, and for cancelling, this is Axon's
 * manager unchanged.
 */
public class BufferedDeadlineManager extends DbSchedulerDeadlineManager {

    /** Axon's task name for deadlines with binary details (DbSchedulerDeadlineManager's own constant is not public). */
    static final String TASK_NAME = "AxonDeadline";

    private static final List<String> COLUMNS =
            List.of("task_name", "task_instance", "task_data", "execution_time", "picked", "version");

    private final org.axonframework.serialization.Serializer serializer;
    private final Serializer taskData;
    private final String table;

    /**
     * @param serializer Axon's serializer for the deadline's scope, payload and metadata (the builder's)
     * @param taskData   db-scheduler's serializer for task data (the one the scheduler reads with)
     * @param table      db-scheduler's table ({@code db-scheduler.table-name})
     */
    public BufferedDeadlineManager(
            DbSchedulerDeadlineManager.Builder builder,
            org.axonframework.serialization.Serializer serializer,
            Serializer taskData,
            String table) {
        super(builder.serializer(serializer));
        this.serializer = serializer;
        this.taskData = taskData;
        this.table = table;
    }

    @Override
    public String schedule(
            Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        if (PendingWrites.current().isEmpty()) {
            return super.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        }
        DeadlineMessage<Object> deadline =
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime);
        String identifier = IdentifierFactory.getInstance().generateIdentifier();
        runOnPrepareCommitOrNow(() -> {
            DeadlineMessage<Object> message = processDispatchInterceptors(deadline);
            SerializedObject<byte[]> scope = serializer.serialize(deadlineScope, byte[].class);
            SerializedObject<byte[]> payload = serializer.serialize(message.getPayload(), byte[].class);
            SerializedObject<byte[]> metaData = serializer.serialize(message.getMetaData(), byte[].class);
            DbSchedulerBinaryDeadlineDetails details = new DbSchedulerBinaryDeadlineDetails(
                    deadlineName,
                    scope.getData(),
                    scope.getType().getName(),
                    payload.getData(),
                    payload.getType().getName(),
                    payload.getType().getRevision(),
                    metaData.getData());
            Optional<PendingWrites> pending = PendingWrites.current();
            if (pending.isEmpty()) {
                throw new IllegalStateException("deadline " + identifier + " scheduled outside its command");
            }
            pending.get()
                    .insert(new PendingWrites.Insert(
                            table,
                            COLUMNS,
                            Arrays.asList(
                                    TASK_NAME,
                                    identifier,
                                    taskData.serialize(details),
                                    OffsetDateTime.ofInstant(triggerDateTime, ZoneOffset.UTC),
                                    false,
                                    1L)));
        });
        return identifier;
    }
}
