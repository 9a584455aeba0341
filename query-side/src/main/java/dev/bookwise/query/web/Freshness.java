package dev.bookwise.query.web;

import dev.bookwise.query.config.QueryProperties;
import dev.bookwise.query.projection.ReadModel;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: whether every segment of every projection has processed the event at a
 * given global position (the {@code X-Bookwise-Position} of a write). Reads the token store, so it
 * sees the segments other query-side instances process too.
 * <p>
 * However many requests wait, one poller reads the tokens (every 10 ms while anyone waits, not at
 * all otherwise) and releases each waiter whose position has been reached. A position past the
 * store's last event cannot be reached by waiting and is answered at once.
 */
@Component
public class Freshness {

    private static final Logger log = LoggerFactory.getLogger(Freshness.class);
    private static final Duration POLL = Duration.ofMillis(10);

    /** How a wait ended. */
    public enum Wait {
        REACHED,
        TIMED_OUT,
        /**
         * past the last event in the store (no write has returned this position): answered once the
         * projections hold everything the store held when the read came in, marked stale
         */
        BEYOND_STORE
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration maxWait;
    private final Map<Long, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "min-position-poller");
        thread.setDaemon(true);
        return thread;
    });
    private volatile List<TrackingToken> lastTokens = List.of();

    Freshness(JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer, QueryProperties properties) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.maxWait = properties.minPositionWait();
        poller.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }

    /** Waits, at most the configured time, until the projections have processed {@code position}. */
    public Wait awaitPosition(long position) {
        if (reached(lastTokens, position)) {
            return Wait.REACHED;
        }
        // a position no write has returned (yet): wait for what the store holds now, then say so
        long head = head();
        boolean beyond = position > head;
        long target = beyond ? head : position;
        if (beyond && reached(lastTokens, target)) {
            return Wait.BEYOND_STORE;
        }
        CompletableFuture<Void> reached = waiters.computeIfAbsent(target, p -> new CompletableFuture<>());
        try {
            reached.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            return beyond ? Wait.BEYOND_STORE : Wait.REACHED;
        } catch (TimeoutException e) {
            return Wait.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Wait.TIMED_OUT;
        } catch (ExecutionException e) {
            return Wait.TIMED_OUT;
        }
    }

    private void poll() {
        if (waiters.isEmpty()) {
            return;
        }
        try {
            List<TrackingToken> tokens = tokens(ReadModel.groups());
            lastTokens = tokens;
            waiters.forEach((position, waiter) -> {
                if (reached(tokens, position)) {
                    waiters.remove(position, waiter);
                    waiter.complete(null);
                }
            });
        } catch (RuntimeException e) {
            log.debug("could not read the projections' positions: {}", e.toString());
        }
    }

    private static boolean reached(List<TrackingToken> tokens, long position) {
        if (tokens.isEmpty()) {
            return false;
        }
        for (TrackingToken token : tokens) {
            if (token == null || token.position().orElse(-1) < position) {
                return false;
            }
            if (token instanceof GapAwareTrackingToken gapAware
                    && gapAware.getGaps().contains(position)) {
                return false;
            }
        }
        return true;
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** The position every segment of the processor has reached (the lowest of its segments), if it has tokens. */
    public OptionalLong lowestPosition(String processor) {
        List<TrackingToken> tokens = tokens(List.of(processor));
        if (tokens.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(tokens.stream()
                .mapToLong(t -> t == null ? -1 : t.position().orElse(-1))
                .min()
                .orElse(-1));
    }

    /**
     * The position up to which every projection has processed every event (below the lowest segment's
     * first gap, if it has gaps), or -1 while any has none: what a read made now reflects at least.
     */
    public long appliedPosition() {
        List<TrackingToken> tokens = tokens(ReadModel.groups());
        if (tokens.isEmpty()) {
            return -1;
        }
        return tokens.stream().mapToLong(Freshness::applied).min().orElse(-1);
    }

    private static long applied(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        if (token instanceof GapAwareTrackingToken gapAware && gapAware.hasGaps()) {
            return gapAware.getGaps().first() - 1;
        }
        return token.position().orElse(-1);
    }

    private List<TrackingToken> tokens(List<String> processors) {
        return jdbc.query(
                "SELECT token, token_type FROM token_entry WHERE processor_name = ANY (?)",
                (rs, i) -> {
                    byte[] data = rs.getBytes(1);
                    return data == null
                            ? null
                            : serializer.<byte[], TrackingToken>deserialize(
                                    new SimpleSerializedObject<>(data, byte[].class, rs.getString(2), null));
                },
                (Object) processors.toArray(String[]::new));
    }
}
