package dev.bookwise.query.web;

import dev.bookwise.query.ProjectionGroups;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: whether every segment of every projection has processed the event at a
 * given global position (the {@code X-Bookwise-Position} of a write). Reads the token store, so it
 * sees the segments other query-side instances process too.
 */
@Component
public class Freshness {

    private static final Duration POLL = Duration.ofMillis(10);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration maxWait;

    Freshness(JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer, QueryProperties properties) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.maxWait = properties.minPositionWait();
    }

    /** Waits, at most the configured time, until the projections have processed {@code position}. */
    public boolean awaitPosition(long position) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            if (reached(position)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    boolean reached(long position) {
        List<TrackingToken> tokens = tokens(ProjectionGroups.ALL);
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
