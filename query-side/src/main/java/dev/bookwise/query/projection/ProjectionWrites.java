package dev.bookwise.query.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The projections' writes, held back and sent to PostgreSQL in JDBC batches: one round trip per
 * statement shape instead of one per event, which is what bounds a replay or a catch-up.
 * <p>
 * Every write names the row it belongs to (its table and key). Writes to one row are sent in the
 * order they were made; writes to different rows are independent, so they may be sent in any order.
 * At a flush, each row's first pending write goes in round 1, its second in round 2, and so on;
 * within a round the writes are grouped by SQL text and each group is one batch. A projection that
 * reads its own table flushes first, so it sees everything written before.
 * <p>
 * Two ways to decide when the writes go: {@link #perUnitOfWork} (event processors) sends them when
 * Axon's unit of work prepares to commit, inside the same transaction as the processor's token, so
 * they commit or roll back with it; {@link #explicit} (a rebuild) sends them when its owner calls
 * {@link #flush()} inside its own transaction.
 */
public final class ProjectionWrites {

    private final JdbcTemplate jdbc;
    private final boolean perUnitOfWork;
    private final String resourceKey = ProjectionWrites.class.getName() + "@" + java.util.UUID.randomUUID();
    private final Pending explicitPending = new Pending();

    private ProjectionWrites(JdbcTemplate jdbc, boolean perUnitOfWork) {
        this.jdbc = jdbc;
        this.perUnitOfWork = perUnitOfWork;
    }

    /** Writes sent when the current unit of work prepares its commit. */
    public static ProjectionWrites perUnitOfWork(JdbcTemplate jdbc) {
        return new ProjectionWrites(jdbc, true);
    }

    /** Writes sent when the owner calls {@link #flush()}; for one thread only. */
    public static ProjectionWrites explicit(JdbcTemplate jdbc) {
        return new ProjectionWrites(jdbc, false);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Queues a statement for the row {@code table}/{@code key}. */
    public void write(String table, Object key, String sql, Object... args) {
        pending().add(table + '\u0000' + key, sql, args);
    }

    /** Sends everything queued so far (for a read of what was written, or the end of a rebuild batch). */
    public void flush() {
        pending().flush(jdbc);
    }

    private Pending pending() {
        if (!perUnitOfWork) {
            return explicitPending;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a projection wrote outside a unit of work");
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(resourceKey, key -> {
            Pending pending = new Pending();
            root.onPrepareCommit(u -> pending.flush(jdbc));
            return pending;
        });
    }

    private record Write(String row, String sql, Object[] args) {}

    private static final class Pending {

        private final List<Write> writes = new ArrayList<>();

        void add(String row, String sql, Object[] args) {
            writes.add(new Write(row, sql, args));
        }

        void flush(JdbcTemplate jdbc) {
            if (writes.isEmpty()) {
                return;
            }
            if (writes.size() == 1) {
                Write only = writes.get(0);
                writes.clear();
                jdbc.update(only.sql(), only.args());
                return;
            }
            // round r holds each row's r-th write, grouped by statement in order of first appearance
            List<Map<String, List<Object[]>>> rounds = new ArrayList<>();
            Map<String, Integer> writesPerRow = new HashMap<>();
            for (Write write : writes) {
                int round = writesPerRow.merge(write.row(), 1, Integer::sum) - 1;
                if (round == rounds.size()) {
                    rounds.add(new LinkedHashMap<>());
                }
                rounds.get(round)
                        .computeIfAbsent(write.sql(), sql -> new ArrayList<>())
                        .add(write.args());
            }
            writes.clear();
            for (Map<String, List<Object[]>> round : rounds) {
                round.forEach(jdbc::batchUpdate);
            }
        }
    }
}
