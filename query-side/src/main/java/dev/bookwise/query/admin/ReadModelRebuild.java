package dev.bookwise.query.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.config.ProjectionConfig;
import dev.bookwise.query.deadletter.Failures;
import dev.bookwise.query.deadletter.Savepoints;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every read table from the whole event store while the current tables keep serving:
 * <ol>
 *   <li>replays all events into empty copies ({@code host_view_next}, ...) with the same projection code;</li>
 *   <li>swaps each copy for its live table by renaming, all in one transaction;</li>
 *   <li>re-applies the events appended since the replay's last one to the now-live tables, so
 *       whatever the running processors wrote only to the old tables is there too (every
 *       projection skips events older than what a row already reflects, so this is safe).</li>
 * </ol>
 * The running processors are not stopped: after the swap their statements find the new tables by name.
 * <p>
 * An event a projection cannot apply does not stop the rebuild: its batch is applied again one event
 * at a time, each in a savepoint, the refused event is left out and reported (where and why), and so
 * are the host's later events in that projection, held back as the live processor's dead-letter queue
 * holds them back. Outages (the database going away) still fail the rebuild.
 */
@Service
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final int BATCH = 5000;
    private static final long REBUILD_LOCK = 3;
    /** Refused events listed in the status; all of them are counted. */
    private static final int MAX_LISTED = 100;

    public enum State {
        NEVER_RUN,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    /**
     * {@code eventsNotApplied}: events refused by a projection plus the events of the same hosts held
     * back behind them; {@code notApplied} lists the refused ones (the first {@value #MAX_LISTED}).
     */
    public record Status(
            State state,
            long eventsReplayed,
            long eventsCaughtUp,
            long eventsPerSecond,
            Instant startedAt,
            Instant finishedAt,
            String error,
            long eventsNotApplied,
            List<NotApplied> notApplied) {}

    /**
     * An event a projection refused: where it is in the store, whose it is, why; {@code heldBack}
     * counts the host's later events that projection then left out too.
     */
    public record NotApplied(
            String processingGroup,
            String hostId,
            long globalPosition,
            String eventId,
            String eventType,
            String cause,
            long heldBack) {}

    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "read-model-rebuild"));
    private final AtomicReference<Status> status =
            new AtomicReference<>(new Status(State.NEVER_RUN, 0, 0, 0, null, null, null, 0, List.of()));

    ReadModelRebuild(
            EventStorageEngine events,
            JdbcTemplate jdbc,
            ObjectMapper json,
            DataSource dataSource,
            PlatformTransactionManager transactions) {
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild in the background. */
    public synchronized Status start() {
        if (status.get().state() == State.RUNNING) {
            throw new BookwiseException(ErrorCode.REBUILD_IN_PROGRESS, "a rebuild is already running");
        }
        Status started = new Status(State.RUNNING, 0, 0, 0, Instant.now(), null, null, 0, List.of());
        status.set(started);
        worker.submit(() -> run(started.startedAt()));
        return started;
    }

    private void run(Instant startedAt) {
        Refusals refusals = new Refusals();
        // one rebuild at a time across all query-side instances: a session lock on a connection held throughout
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock)) {
                status.set(new Status(
                        State.FAILED,
                        0,
                        0,
                        0,
                        startedAt,
                        Instant.now(),
                        "another instance is rebuilding",
                        0,
                        List.of()));
                return;
            }
            createCopies();
            Applied replay = apply(
                    table -> table + ReadModel.REBUILD_SUFFIX,
                    null,
                    refusals,
                    count -> progress(startedAt, count, 0, refusals));
            swap();
            Applied catchUp = replay.last() == null
                    ? new Applied(null, 0)
                    : apply(
                            UnaryOperator.identity(),
                            replay.last(),
                            refusals,
                            count -> progress(startedAt, replay.count(), count, refusals));
            Instant finished = Instant.now();
            long rate = rate(replay.count(), startedAt, finished);
            status.set(new Status(
                    State.SUCCEEDED,
                    replay.count(),
                    catchUp.count(),
                    rate,
                    startedAt,
                    finished,
                    null,
                    refusals.count(),
                    refusals.listed()));
            log.info(
                    "read models rebuilt from {} events ({} events/s), {} re-applied after the swap, {} not applied",
                    replay.count(),
                    rate,
                    catchUp.count(),
                    refusals.count());
        } catch (Exception e) {
            log.error("read model rebuild failed; the live tables are unchanged unless the swap completed", e);
            Status last = status.get();
            status.set(new Status(
                    State.FAILED,
                    last.eventsReplayed(),
                    last.eventsCaughtUp(),
                    last.eventsPerSecond(),
                    startedAt,
                    Instant.now(),
                    e.getMessage(),
                    refusals.count(),
                    refusals.listed()));
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + REBUILD_LOCK + ", 0)")) {
            return result.next() && result.getBoolean(1);
        }
    }

    private void progress(Instant startedAt, long replayed, long caughtUp, Refusals refusals) {
        status.set(new Status(
                State.RUNNING,
                replayed,
                caughtUp,
                rate(replayed, startedAt, Instant.now()),
                startedAt,
                null,
                null,
                refusals.count(),
                refusals.listed()));
    }

    private static long rate(long count, Instant from, Instant to) {
        long millis = Math.max(1, Duration.between(from, to).toMillis());
        return count * 1000 / millis;
    }

    private void createCopies() {
        for (String table : ReadModel.tables()) {
            String copy = table + ReadModel.REBUILD_SUFFIX;
            jdbc.execute("DROP TABLE IF EXISTS " + copy);
            jdbc.execute("CREATE TABLE " + copy + " (LIKE " + table + " INCLUDING ALL)");
        }
    }

    private void swap() {
        transaction.executeWithoutResult(tx -> {
            for (String table : ReadModel.tables()) {
                jdbc.execute("ALTER TABLE " + table + " RENAME TO " + table + "_old");
                jdbc.execute("ALTER TABLE " + table + ReadModel.REBUILD_SUFFIX + " RENAME TO " + table);
            }
        });
        for (String table : ReadModel.tables()) {
            jdbc.execute("DROP TABLE " + table + "_old");
        }
    }

    /** The projections on the tables {@code naming} gives, their writes sent when {@link Projections#writes} is flushed. */
    private Projections adapters(UnaryOperator<String> naming) {
        ProjectionWrites writes = ProjectionWrites.explicit(jdbc);
        List<Projection> projections = new ArrayList<>();
        for (Object projection : ProjectionConfig.projections(writes, json, naming)) {
            projections.add(new Projection(
                    projection.getClass().getAnnotation(ProcessingGroup.class).value(),
                    new AnnotationEventHandlerAdapter(projection)));
        }
        return new Projections(projections, writes);
    }

    private record Projection(String group, AnnotationEventHandlerAdapter adapter) {}

    private record Projections(List<Projection> projections, ProjectionWrites writes) {}

    private record Applied(TrackingToken last, long count) {}

    /** Applies every event after {@code from} (all of them for null) with projections on the tables {@code naming} gives. */
    private Applied apply(
            UnaryOperator<String> naming,
            TrackingToken from,
            Refusals refusals,
            java.util.function.LongConsumer onProgress) {
        TrackingToken last = from;
        long count = 0;
        Projections projections = adapters(naming);
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            while (iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() == BATCH || !iterator.hasNext()) {
                    List<TrackedEventMessage<?>> current = List.copyOf(batch);
                    try {
                        Projections batchProjections = projections;
                        Map<String, Long> heldBack = new LinkedHashMap<>();
                        transaction.executeWithoutResult(tx -> {
                            current.forEach(message -> handle(batchProjections, message, refusals, heldBack));
                            batchProjections.writes().flush();
                        });
                        heldBack.forEach(refusals::heldBack);
                    } catch (RuntimeException e) {
                        if (Failures.isTransient(e)) {
                            throw e;
                        }
                        log.warn("a rebuild batch failed ({}); applying it one event at a time", Failures.describe(e));
                        // new projections: writes the failed attempt queued and never sent are dropped with the old
                        // ones
                        projections = adapters(naming);
                        Projections isolated = projections;
                        transaction.executeWithoutResult(
                                tx -> current.forEach(message -> handleIsolated(isolated, message, refusals)));
                    }
                    count += current.size();
                    last = current.get(current.size() - 1).trackingToken();
                    batch.clear();
                    onProgress.accept(count);
                }
            }
        }
        return new Applied(last, count);
    }

    /** A batch's event: skipped for a projection that refused an earlier event of its host (counted once the batch commits). */
    private static void handle(
            Projections projections, TrackedEventMessage<?> message, Refusals refusals, Map<String, Long> heldBack) {
        for (Projection projection : projections.projections()) {
            try {
                if (projection.adapter().canHandle(message)) {
                    String sequence = Refusals.sequence(projection.group(), message);
                    if (refusals.holds(sequence)) {
                        heldBack.merge(sequence, 1L, Long::sum);
                    } else {
                        projection.adapter().handle(message);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("projecting event " + message.getIdentifier() + " failed", e);
            }
        }
    }

    /** An event of a failed batch, in a savepoint per projection: a refusal is recorded, not thrown. */
    private void handleIsolated(Projections projections, TrackedEventMessage<?> message, Refusals refusals) {
        for (Projection projection : projections.projections()) {
            try {
                if (!projection.adapter().canHandle(message)) {
                    continue;
                }
                String sequence = Refusals.sequence(projection.group(), message);
                if (refusals.holds(sequence)) {
                    refusals.heldBack(sequence, 1L);
                    continue;
                }
                Savepoints.apply(
                        savepoint,
                        projections.writes(),
                        () -> projection.adapter().handle(message));
            } catch (Exception e) {
                if (Failures.isTransient(e)) {
                    throw new IllegalStateException("projecting event " + message.getIdentifier() + " failed", e);
                }
                refusals.refuse(projection.group(), message, e);
            }
        }
    }

    /** The events projections refused in this rebuild, and their hosts, whose later events are held back. */
    private static final class Refusals {

        private final Map<String, NotApplied> refused = new LinkedHashMap<>();
        private long count;

        /** A projection's events of one host (the aggregate), as the live dead-letter queues sequence them. */
        static String sequence(String group, TrackedEventMessage<?> message) {
            return group + '\u0000' + host(message);
        }

        private static String host(TrackedEventMessage<?> message) {
            return message instanceof DomainEventMessage<?> domain
                    ? domain.getAggregateIdentifier()
                    : message.getIdentifier();
        }

        boolean holds(String sequence) {
            return refused.containsKey(sequence);
        }

        void heldBack(String sequence, long events) {
            refused.computeIfPresent(
                    sequence,
                    (key, first) -> new NotApplied(
                            first.processingGroup(),
                            first.hostId(),
                            first.globalPosition(),
                            first.eventId(),
                            first.eventType(),
                            first.cause(),
                            first.heldBack() + events));
            count += events;
        }

        void refuse(String group, TrackedEventMessage<?> message, Exception failure) {
            NotApplied notApplied = new NotApplied(
                    group,
                    host(message),
                    message.trackingToken().position().orElse(-1),
                    message.getIdentifier(),
                    message.getPayloadType().getSimpleName(),
                    Failures.describe(failure),
                    0);
            refused.put(sequence(group, message), notApplied);
            count++;
            log.warn(
                    "rebuild: {} refused {} at position {} of host {} ({}); the host's later events there are held back",
                    group,
                    notApplied.eventType(),
                    notApplied.globalPosition(),
                    notApplied.hostId(),
                    notApplied.cause());
        }

        long count() {
            return count;
        }

        List<NotApplied> listed() {
            return refused.values().stream().limit(MAX_LISTED).toList();
        }
    }
}
