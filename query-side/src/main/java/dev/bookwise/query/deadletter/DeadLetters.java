package dev.bookwise.query.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.paging.Cursors;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The parked events of every processing group with a dead-letter queue: what is parked, and the two
 * ways out of it: retry (through the group's own handler, in order) or evict (never applied).
 * Reads the table with SQL, so that listing never needs an event's payload to deserialize.
 */
@Service
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration MEMO = Duration.ofSeconds(1);

    /** How many letters and hosts a group has parked. */
    public record Count(long letters, long sequences) {}

    /**
     * One parked event. {@code index} orders a sequence; only a sequence's first letter failed (and has
     * a cause and attempts), the others wait behind it.
     */
    public record Letter(
            String processingGroup,
            String sequenceId,
            String hostId,
            long index,
            String eventId,
            String eventType,
            Long globalPosition,
            Long aggregateSequence,
            String cause,
            Instant enqueuedAt,
            Instant lastTouchedAt,
            int attempts) {}

    /** {@code groups}: the counts of every group with a queue; {@code items}: one page of letters. */
    public record Listing(Map<String, Count> groups, List<Letter> items, String next) {}

    /** The outcome of a retry: how many letters were applied, how many are still parked and why. */
    public record Retried(String processingGroup, String sequenceId, long applied, long remaining, String cause) {}

    public record Evicted(String processingGroup, String sequenceId, long evicted) {}

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final DeadLetterConfig.Groups groups;
    private final ObjectMapper json;
    private volatile Instant countedAt = Instant.EPOCH;
    private volatile Map<String, Count> counts = Map.of();

    DeadLetters(
            JdbcTemplate jdbc,
            EventProcessingConfiguration processing,
            DeadLetterConfig.Groups groups,
            ObjectMapper json,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.groups = groups;
        this.json = json;
        for (String group : groups.names()) {
            Gauge.builder(
                            "bookwise.dead.letters",
                            this,
                            d -> d.counts().get(group).letters())
                    .description(
                            "Events parked in the group's dead-letter queue (failed ones and those queued behind them)")
                    .tag("processing_group", group)
                    .register(meters);
        }
    }

    public List<String> groups() {
        return groups.names();
    }

    /** Letters and sequences per group (every group with a queue, zeros included); read at most once a second. */
    public synchronized Map<String, Count> counts() {
        if (Duration.between(countedAt, Instant.now()).compareTo(MEMO) > 0) {
            Map<String, Count> fresh = new LinkedHashMap<>();
            groups.names().forEach(group -> fresh.put(group, new Count(0, 0)));
            jdbc.query(
                    "SELECT processing_group, count(*), count(DISTINCT sequence_identifier) FROM dead_letter_entry "
                            + "GROUP BY processing_group",
                    rs -> {
                        fresh.put(rs.getString(1), new Count(rs.getLong(2), rs.getLong(3)));
                    });
            counts = fresh;
            countedAt = Instant.now();
        }
        return counts;
    }

    /** Letters in group, sequence and index order, {@code limit} at a time, optionally of one group or sequence. */
    public Listing list(String group, String sequenceId, int limit, String cursor) {
        if (group != null) {
            requireGroup(group);
        }
        StringBuilder sql = new StringBuilder("""
                SELECT d.processing_group, d.sequence_identifier, d.aggregate_identifier, d.sequence_index,
                    d.event_identifier, d.payload_type, e.global_index, d.sequence_number, d.cause_message,
                    d.enqueued_at, d.last_touched, d.diagnostics
                FROM dead_letter_entry d LEFT JOIN domain_event_entry e ON e.event_identifier = d.event_identifier
                WHERE true""");
        List<Object> args = new ArrayList<>();
        if (group != null) {
            sql.append(" AND d.processing_group = ?");
            args.add(group);
        }
        if (sequenceId != null) {
            if (!storable(sequenceId)) {
                return new Listing(counts(), List.of(), null);
            }
            sql.append(" AND d.sequence_identifier = ?");
            args.add(sequenceId);
        }
        if (cursor != null) {
            Position after = Position.decode(cursor);
            sql.append(" AND (d.processing_group, d.sequence_identifier, d.sequence_index) > (?, ?, ?)");
            args.addAll(List.of(after.group(), after.sequenceId(), after.index()));
        }
        sql.append(" ORDER BY d.processing_group, d.sequence_identifier, d.sequence_index LIMIT ?");
        args.add(limit + 1);
        List<Letter> items = jdbc.query(sql.toString(), (rs, i) -> letter(rs), args.toArray());
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            Letter last = items.get(limit - 1);
            next = new Position(last.processingGroup(), last.sequenceId(), last.index()).encode();
        }
        return new Listing(counts(), items, next);
    }

    /**
     * Runs the sequence's letters through the group's handler again, in order (Axon's
     * {@link SequencedDeadLetterProcessor}): each one applied is removed, and the first that fails
     * again stops it and stays parked, with its new cause, in front of the rest.
     */
    public Retried retry(String group, String sequenceId) {
        requireGroup(group);
        long before = sequenceSize(group, sequenceId);
        if (before == 0) {
            throw noSequence(group, sequenceId);
        }
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("no dead-letter processor for " + group));
        boolean applied = processor.process(letter ->
                letter instanceof JdbcDeadLetter<?> stored && sequenceId.equals(stored.getSequenceIdentifier()));
        long remaining = sequenceSize(group, sequenceId);
        String cause =
                remaining == 0 ? null : jdbc.query("""
                        SELECT cause_message FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?
                        ORDER BY sequence_index LIMIT 1""", rs -> rs.next() ? rs.getString(1) : null, group, sequenceId);
        log.info(
                "retried dead letters of {} for {}: {}, {} still parked",
                group,
                sequenceId,
                applied ? "all applied" : "stopped",
                remaining);
        countedAt = Instant.EPOCH;
        return new Retried(group, sequenceId, Math.max(0, before - remaining), remaining, cause);
    }

    /** Removes every letter of the sequence at once: those events are never applied by this group. */
    public Evicted evict(String group, String sequenceId) {
        requireGroup(group);
        int evicted = !storable(sequenceId)
                ? 0
                : jdbc.update(
                        "DELETE FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?",
                        group,
                        sequenceId);
        if (evicted == 0) {
            throw noSequence(group, sequenceId);
        }
        log.warn("evicted {} dead letters of {} for {}: those events will not be applied", evicted, group, sequenceId);
        countedAt = Instant.EPOCH;
        return new Evicted(group, sequenceId, evicted);
    }

    private long sequenceSize(String group, String sequenceId) {
        if (!storable(sequenceId)) {
            return 0;
        }
        Long size = jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?",
                Long.class,
                group,
                sequenceId);
        return size == null ? 0 : size;
    }

    /** PostgreSQL text cannot hold NUL, so no stored sequence has one (and a query with one would fail). */
    private static boolean storable(String text) {
        return text.indexOf('\u0000') < 0;
    }

    private void requireGroup(String group) {
        if (!groups.contains(group)) {
            throw new BookwiseException(
                    ErrorCode.PROCESSING_GROUP_NOT_FOUND,
                    "no processing group " + group + " with dead letters; the groups are "
                            + String.join(", ", groups.names()));
        }
    }

    private static BookwiseException noSequence(String group, String sequenceId) {
        return new BookwiseException(
                ErrorCode.DEAD_LETTER_SEQUENCE_NOT_FOUND, "no dead letters of " + group + " for " + sequenceId);
    }

    private Letter letter(ResultSet rs) throws SQLException {
        String payloadType = rs.getString("payload_type");
        String lastTouched = rs.getString("last_touched");
        return new Letter(
                rs.getString("processing_group"),
                rs.getString("sequence_identifier"),
                rs.getString("aggregate_identifier"),
                rs.getLong("sequence_index"),
                rs.getString("event_identifier"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1).replace('$', '.'),
                rs.getObject("global_index", Long.class),
                rs.getObject("sequence_number", Long.class),
                rs.getString("cause_message"),
                Instant.parse(rs.getString("enqueued_at")),
                lastTouched == null ? null : Instant.parse(lastTouched),
                attempts(rs.getBytes("diagnostics")));
    }

    /** The attempts the policy counted in the letter's diagnostics (Axon's metadata, as JSON). */
    private int attempts(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        try {
            return json.readTree(diagnostics).path(DeadLetterPolicy.ATTEMPTS).asInt(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Where a page ended: a letter's group, sequence and index. */
    private record Position(String group, String sequenceId, long index) {
        String encode() {
            return Cursors.encode(group, sequenceId, index);
        }

        static Position decode(String text) {
            return Cursors.decode(text, 3, parts -> {
                if (parts.stream().anyMatch(part -> !storable(part))) {
                    throw new IllegalArgumentException("NUL in cursor");
                }
                return new Position(parts.get(0), parts.get(1), Long.parseLong(parts.get(2)));
            });
        }
    }
}
