package dev.bookwise.query.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.config.ProjectionConfig;
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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
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
 */
@Service
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final int BATCH = 5000;
    private static final long REBUILD_LOCK = 3;

    public enum State {
        NEVER_RUN,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public record Status(
            State state,
            long eventsReplayed,
            long eventsCaughtUp,
            long eventsPerSecond,
            Instant startedAt,
            Instant finishedAt,
            String error) {}

    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "read-model-rebuild"));
    private final AtomicReference<Status> status =
            new AtomicReference<>(new Status(State.NEVER_RUN, 0, 0, 0, null, null, null));

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
    }

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild in the background. */
    public synchronized Status start() {
        if (status.get().state() == State.RUNNING) {
            throw new BookwiseException(ErrorCode.REBUILD_IN_PROGRESS, "a rebuild is already running");
        }
        Status started = new Status(State.RUNNING, 0, 0, 0, Instant.now(), null, null);
        status.set(started);
        worker.submit(() -> run(started.startedAt()));
        return started;
    }

    private void run(Instant startedAt) {
        // one rebuild at a time across all query-side instances: a session lock on a connection held throughout
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock)) {
                status.set(
                        new Status(State.FAILED, 0, 0, 0, startedAt, Instant.now(), "another instance is rebuilding"));
                return;
            }
            createCopies();
            Applied replay = apply(
                    adapters(table -> table + ReadModel.REBUILD_SUFFIX), null, count -> progress(startedAt, count, 0));
            swap();
            Applied catchUp = replay.last() == null
                    ? new Applied(null, 0)
                    : apply(
                            adapters(UnaryOperator.identity()),
                            replay.last(),
                            count -> progress(startedAt, replay.count(), count));
            Instant finished = Instant.now();
            long rate = rate(replay.count(), startedAt, finished);
            status.set(new Status(State.SUCCEEDED, replay.count(), catchUp.count(), rate, startedAt, finished, null));
            log.info(
                    "read models rebuilt from {} events ({} events/s), {} re-applied after the swap",
                    replay.count(),
                    rate,
                    catchUp.count());
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
                    e.getMessage()));
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + REBUILD_LOCK + ", 0)")) {
            return result.next() && result.getBoolean(1);
        }
    }

    private void progress(Instant startedAt, long replayed, long caughtUp) {
        status.set(new Status(
                State.RUNNING, replayed, caughtUp, rate(replayed, startedAt, Instant.now()), startedAt, null, null));
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
        List<AnnotationEventHandlerAdapter> adapters = new ArrayList<>();
        for (Object projection : ProjectionConfig.projections(writes, json, naming)) {
            adapters.add(new AnnotationEventHandlerAdapter(projection));
        }
        return new Projections(adapters, writes);
    }

    private record Projections(List<AnnotationEventHandlerAdapter> adapters, ProjectionWrites writes) {}

    private record Applied(TrackingToken last, long count) {}

    /** Applies every event after {@code from} (all of them for null). */
    private Applied apply(Projections projections, TrackingToken from, java.util.function.LongConsumer onProgress) {
        TrackingToken last = from;
        long count = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            while (iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() == BATCH || !iterator.hasNext()) {
                    List<TrackedEventMessage<?>> current = List.copyOf(batch);
                    transaction.executeWithoutResult(tx -> {
                        current.forEach(message -> handle(projections.adapters(), message));
                        projections.writes().flush();
                    });
                    count += current.size();
                    last = current.get(current.size() - 1).trackingToken();
                    batch.clear();
                    onProgress.accept(count);
                }
            }
        }
        return new Applied(last, count);
    }

    private static void handle(List<AnnotationEventHandlerAdapter> adapters, TrackedEventMessage<?> message) {
        for (AnnotationEventHandlerAdapter adapter : adapters) {
            try {
                if (adapter.canHandle(message)) {
                    adapter.handle(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException("projecting event " + message.getIdentifier() + " failed", e);
            }
        }
    }
}
