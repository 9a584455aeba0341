package dev.bookwise.command.execution;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The two statements of a write besides its commit: {@link #begin} (claim the Idempotency-Key or
 * find its answer, lock the host, read its calendar's version: the function of migration V12) and
 * {@link #flush} (the command's events, the rows its handlers and deadlines add, the stored answer,
 * and the calendar's new head, as one statement with data-modifying {@code WITH} clauses).
 */
@Component
class WriteStatements {

    /** The unique constraint that catches two writers appending the same sequence number to a calendar. */
    static final String STREAM_CONSTRAINT = "domain_event_entry_aggregate_sequence_key";

    private static final String EVENT_COLUMNS = "event_identifier, aggregate_identifier, sequence_number, type, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final String EVENT_VALUES = "(" + String.join(", ", Collections.nCopies(9, "?")) + ")";

    /**
     * What the first statement found.
     *
     * @param claimed      false when another transaction holds the Idempotency-Key (a request in flight)
     * @param stored       the answer already stored for the key, if any
     * @param lastSequence the calendar's last sequence number, read under the host's lock (null: no events)
     */
    record Begin(boolean claimed, IdempotencyRepository.StoredResponse stored, Long lastSequence) {}

    /** A first answer to store under its key, in the same statement as the writes. */
    record Answer(
            String principal, String key, String requestSha256, int status, String sealedBody, boolean withPosition) {}

    /**
     * What the write left.
     *
     * @param position     the global index of the calendar's last event (its read-your-writes token)
     * @param lastSequence the calendar's last sequence number
     * @param answerStored false when another request stored an answer under the key first
     */
    record Flushed(Long position, Long lastSequence, boolean answerStored) {}

    private final JdbcTemplate jdbc;
    private final IdempotencyRepository idempotency;

    WriteStatements(JdbcTemplate jdbc, IdempotencyRepository idempotency) {
        this.jdbc = jdbc;
        this.idempotency = idempotency;
    }

    Begin begin(String principal, String key, UUID hostId, boolean lockHost, String requestSha256) {
        return jdbc.queryForObject(
                "SELECT claimed, request_sha256, response_status, response_body, response_position, last_sequence "
                        + "FROM bookwise_begin_write(?, ?, ?, ?)",
                (rs, i) -> {
                    boolean claimed = rs.getBoolean(1);
                    IdempotencyRepository.StoredResponse stored =
                            rs.getString(2) == null ? null : idempotency.stored(rs, requestSha256);
                    long last = rs.getLong(6);
                    return new Begin(claimed, stored, rs.wasNull() ? null : last);
                },
                principal,
                key,
                hostId == null ? null : hostId.toString(),
                lockHost);
    }

    /**
     * Locks these hosts' calendars for the rest of the transaction (in one fixed order, migration
     * V14) and reads each one's last sequence number under its lock.
     *
     * @return the last sequence number by host (absent: no events)
     */
    Map<UUID, Long> lockHosts(Collection<UUID> hostIds) {
        Map<UUID, Long> last = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement =
                            connection.prepareStatement("SELECT host, last_sequence FROM bookwise_lock_hosts(?)");
                    statement.setArray(
                            1,
                            connection.createArrayOf(
                                    "text", hostIds.stream().map(UUID::toString).toArray()));
                    return statement;
                },
                rs -> {
                    long sequence = rs.getLong(2);
                    if (!rs.wasNull()) {
                        last.put(UUID.fromString(rs.getString(1)), sequence);
                    }
                });
        return last;
    }

    /**
     * Answers a {@link KnownRefusal} in one statement (its own transaction, migration V16) if every
     * stream it was decided on is still at its version; with a key, the key is claimed and the
     * answer stored in the same statement.
     *
     * @return false when a stream moved on, or the key is in flight or answered already: nothing written
     */
    boolean refuseIfUnchanged(
            String principal, String key, String requestSha256, Map<String, Long> versions, int status, String body) {
        List<String> ids = new ArrayList<>(versions.keySet());
        Long[] sequences = ids.stream().map(versions::get).toArray(Long[]::new);
        Boolean refused = jdbc.query(
                connection -> {
                    PreparedStatement statement =
                            connection.prepareStatement("SELECT bookwise_refuse_if_unchanged(?, ?, ?, ?, ?, ?, ?)");
                    statement.setString(1, principal);
                    statement.setString(2, key);
                    statement.setString(3, requestSha256);
                    statement.setArray(4, connection.createArrayOf("text", ids.toArray()));
                    statement.setArray(5, connection.createArrayOf("bigint", sequences));
                    statement.setInt(6, status);
                    statement.setString(7, body);
                    return statement;
                },
                rs -> rs.next() && rs.getBoolean(1));
        return Boolean.TRUE.equals(refused);
    }

    /** The calendar's last sequence number as this transaction sees it (null: no events). */
    Long lastSequence(UUID hostId) {
        return jdbc.queryForObject(
                "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                hostId.toString());
    }

    /**
     * Sends what is pending and the answer, and reads the calendar's head, in one statement.
     *
     * @param answer the answer to store, or null
     * @param hostId the calendar whose head to return, or null (then the position is the last event this
     *     statement appended, if any: a team booking's, across its members' calendars)
     * @throws ConcurrencyException when another writer appended to the calendar first (the write is retried)
     */
    Flushed flush(PendingWrites writes, Answer answer, UUID hostId) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        boolean events = !writes.events().isEmpty();
        if (events) {
            List<String> rows = new ArrayList<>();
            for (PendingWrites.EventRow event : writes.events()) {
                rows.add(EVENT_VALUES);
                Collections.addAll(
                        params,
                        event.eventIdentifier(),
                        event.aggregateIdentifier(),
                        event.sequenceNumber(),
                        event.type(),
                        event.timestamp(),
                        event.payloadType(),
                        event.payloadRevision(),
                        event.payload(),
                        event.metaData());
            }
            clauses.add("e AS (INSERT INTO domain_event_entry (" + EVENT_COLUMNS + ") VALUES " + String.join(", ", rows)
                    + " RETURNING global_index, aggregate_identifier, sequence_number)");
        }
        for (PendingWrites.Insert insert : writes.inserts()) {
            clauses.add("w" + clauses.size() + " AS (" + insert.sql() + ")");
            params.addAll(insert.values());
        }
        if (hostId != null) {
            // the events of this statement are not visible to its own reads: take them from e
            String stored = "SELECT global_index, sequence_number FROM domain_event_entry "
                    + "WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1";
            clauses.add(
                    events
                            ? "head AS (SELECT global_index, sequence_number FROM e WHERE aggregate_identifier = ? "
                                    + "UNION ALL (" + stored + ") ORDER BY sequence_number DESC LIMIT 1)"
                            : "head AS (" + stored + ")");
            if (events) {
                params.add(hostId.toString());
            }
            params.add(hostId.toString());
        }
        if (answer != null) {
            String position = !answer.withPosition()
                    ? "NULL"
                    : hostId != null
                            ? "(SELECT global_index FROM head)"
                            : events ? "(SELECT max(global_index) FROM e)" : "NULL";
            clauses.add("a AS (INSERT INTO idempotency_record (principal, idempotency_key, request_sha256, "
                    + "response_status, response_body, response_position) VALUES (?, ?, ?, ?, ?, " + position
                    + ") ON CONFLICT DO NOTHING RETURNING 1)");
            Collections.addAll(
                    params,
                    answer.principal(),
                    answer.key(),
                    answer.requestSha256(),
                    answer.status(),
                    answer.sealedBody());
        }
        if (clauses.isEmpty()) {
            return new Flushed(null, null, true);
        }
        String sql = "WITH " + String.join(",\n", clauses) + "\nSELECT "
                + (hostId != null
                        ? "(SELECT global_index FROM head), (SELECT sequence_number FROM head)"
                        : events ? "(SELECT max(global_index) FROM e), NULL" : "NULL, NULL")
                + ", " + (answer != null ? "(SELECT count(*) FROM a)" : "1");
        try {
            Flushed flushed = jdbc.query(
                    connection -> {
                        PreparedStatement statement = connection.prepareStatement(sql);
                        bind(statement, params);
                        return statement;
                    },
                    rs -> {
                        rs.next();
                        long position = rs.getLong(1);
                        Long at = rs.wasNull() ? null : position;
                        long sequence = rs.getLong(2);
                        Long last = rs.wasNull() ? null : sequence;
                        return new Flushed(at, last, rs.getLong(3) > 0);
                    });
            writes.clear();
            return flushed;
        } catch (DuplicateKeyException e) {
            String message = e.getMostSpecificCause().getMessage();
            if (message != null && message.contains(STREAM_CONSTRAINT)) {
                throw new ConcurrencyException("another writer appended to the calendar first", e);
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(i + 1, bytes);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
