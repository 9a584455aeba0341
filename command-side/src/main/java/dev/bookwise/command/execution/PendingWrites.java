package dev.bookwise.command.execution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The writes of one command, held back while the command runs and sent to PostgreSQL as one
 * statement just before its transaction commits ({@link WriteStatements}): the calendar's new
 * events (Axon's append), the rows event handlers add in the same transaction (the directories),
 * the expiry deadline and the stored answer. Without it each of them is a round trip of its own.
 * <p>
 * Bound to the thread that runs the command while {@link CommandExecutor} runs it (Axon handles a
 * command, its subscribing event handlers and its deadline scheduling in the sending thread).
 * Anywhere else (a deadline firing, a snapshot, startup) nothing is bound, and writers write at once.
 * Whoever reads the event store while writes are pending must {@link #flushPending() flush} first.
 */
public final class PendingWrites implements AutoCloseable {

    private static final ThreadLocal<PendingWrites> CURRENT = new ThreadLocal<>();
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /** One row of Axon's {@code domain_event_entry}, serialized as Axon's own append would. */
    public record EventRow(
            String eventIdentifier,
            String aggregateIdentifier,
            long sequenceNumber,
            String type,
            String timestamp,
            String payloadType,
            String payloadRevision,
            byte[] payload,
            byte[] metaData) {}

    /**
     * A row to insert; one that is already there is left as it is ({@code ON CONFLICT DO NOTHING}),
     * as every write here is keyed by an identifier the command generated or an event carries.
     */
    public record Insert(String table, List<String> columns, List<Object> values) {
        public Insert {
            if (columns.isEmpty() || columns.size() != values.size()) {
                throw new IllegalArgumentException("one value per column");
            }
            if (!IDENTIFIER.matcher(table).matches()
                    || !columns.stream().allMatch(c -> IDENTIFIER.matcher(c).matches())) {
                throw new IllegalArgumentException("not a plain identifier: " + table + " " + columns);
            }
            columns = List.copyOf(columns);
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        /** The statement on its own, with one {@code ?} per value. */
        public String sql() {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ") ON CONFLICT DO NOTHING";
        }
    }

    /** Sends what is pending, in the current transaction, when a reader needs to see it. */
    @FunctionalInterface
    interface Flusher {
        void flush(PendingWrites writes);
    }

    private final List<EventRow> events = new ArrayList<>();
    private final List<Insert> inserts = new ArrayList<>();
    /** The last sequence number appended per aggregate, also across early flushes. */
    private final Map<String, Long> heads = new HashMap<>();
    /** Calendars locked besides the write's own host (a team booking's members), with their version then. */
    private final Map<UUID, Long> locked = new HashMap<>();

    private final Flusher flusher;
    private final PendingWrites outer;

    private PendingWrites(Flusher flusher, PendingWrites outer) {
        this.flusher = flusher;
        this.outer = outer;
    }

    /** Starts holding writes on this thread until {@link #close()}. */
    static PendingWrites open(Flusher flusher) {
        PendingWrites writes = new PendingWrites(flusher, CURRENT.get());
        CURRENT.set(writes);
        return writes;
    }

    /** The writes held on this thread, if a command is running on it. */
    public static Optional<PendingWrites> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Sends the writes pending on this thread, if any: for a read that must see them. */
    public static void flushPending() {
        PendingWrites writes = CURRENT.get();
        if (writes != null && !writes.isEmpty()) {
            writes.flusher.flush(writes);
        }
    }

    public void append(EventRow event) {
        events.add(event);
        heads.merge(event.aggregateIdentifier(), event.sequenceNumber(), Math::max);
    }

    /**
     * Records a calendar the command locked besides its own host, with its last sequence number read
     * under the lock (null: none), so that its cached state is kept or dropped with the write.
     */
    public void locked(UUID hostId, Long lastSequence) {
        locked.put(hostId, lastSequence);
    }

    Map<UUID, Long> locked() {
        return locked;
    }

    /** The last sequence number this write appended to each aggregate. */
    Map<String, Long> heads() {
        return heads;
    }

    public void insert(Insert insert) {
        inserts.add(insert);
    }

    List<EventRow> events() {
        return events;
    }

    List<Insert> inserts() {
        return inserts;
    }

    boolean isEmpty() {
        return events.isEmpty() && inserts.isEmpty();
    }

    /** After they were sent. */
    void clear() {
        events.clear();
        inserts.clear();
    }

    /** When the command was refused: nothing of it is written. */
    void discard() {
        clear();
        heads.clear();
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
