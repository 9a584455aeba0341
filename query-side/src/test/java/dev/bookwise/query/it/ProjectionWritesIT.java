package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The batched projection writes against a real PostgreSQL: per-row order, commit and rollback with the unit of work. */
class ProjectionWritesIT {

    private static final String INSERT = "INSERT INTO row_log (id, state, steps) VALUES (?, ?, 1)";
    private static final String STEP = "UPDATE row_log SET state = ?, steps = steps + 1 WHERE id = ?";
    private static final String DOUBLE = "UPDATE row_log SET steps = steps * 2 WHERE id = ?";

    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void database() {
        TestDatabase database = TestDatabase.fresh();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database.url(), database.user(), database.password());
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @BeforeEach
    void table() {
        jdbc.execute("DROP TABLE IF EXISTS row_log");
        jdbc.execute("CREATE TABLE row_log (id int PRIMARY KEY, state text NOT NULL, steps int NOT NULL)");
    }

    @Test
    void writesToOneRowKeepTheirOrderWhateverElseIsInTheBatch() {
        jdbc.update(INSERT, 0, "old");
        ProjectionWrites writes = ProjectionWrites.explicit(jdbc);
        // interleaved as events of many bookings would be: inserts, updates of new and of existing rows
        for (int id = 1; id <= 50; id++) {
            writes.write("row_log", id, INSERT, id, "reserved");
            writes.write("row_log", 0, STEP, "touched-" + id, 0);
            if (id % 2 == 0) {
                writes.write("row_log", id, STEP, "confirmed", id);
            }
            if (id % 5 == 0) {
                writes.write("row_log", id, DOUBLE, id);
                writes.write("row_log", id, STEP, "cancelled", id);
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM row_log", Long.class))
                .as("nothing sent before the flush")
                .isEqualTo(1);

        transaction.executeWithoutResult(tx -> writes.flush());

        assertThat(row(0)).isEqualTo(Map.of("state", "touched-50", "steps", 51));
        for (int id = 1; id <= 50; id++) {
            // a row's steps depend on the order: insert (1), step (+1), double (x2), step (+1)
            int steps = 1 + (id % 2 == 0 ? 1 : 0);
            String state = id % 2 == 0 ? "confirmed" : "reserved";
            if (id % 5 == 0) {
                steps = steps * 2 + 1;
                state = "cancelled";
            }
            assertThat(row(id)).as("row %d", id).isEqualTo(Map.of("state", state, "steps", steps));
        }
    }

    @Test
    void perUnitOfWorkWritesAreSentWhenTheUnitOfWorkCommitsAndDroppedWhenItRollsBack() {
        ProjectionWrites writes = ProjectionWrites.perUnitOfWork(jdbc);

        transaction.executeWithoutResult(tx -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
            writes.write("row_log", 1, INSERT, 1, "reserved");
            writes.write("row_log", 1, STEP, "confirmed", 1);
            writes.write("row_log", 2, INSERT, 2, "reserved");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM row_log", Long.class))
                    .isZero();
            unitOfWork.commit();
        });
        assertThat(row(1)).isEqualTo(Map.of("state", "confirmed", "steps", 2));
        assertThat(row(2)).isEqualTo(Map.of("state", "reserved", "steps", 1));

        UnitOfWork<?> failing = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        writes.write("row_log", 3, INSERT, 3, "reserved");
        failing.rollback();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM row_log WHERE id = 3", Long.class))
                .isZero();

        assertThatThrownBy(() -> writes.write("row_log", 4, INSERT, 4, "reserved"))
                .as("a write outside a unit of work would never be sent")
                .isInstanceOf(IllegalStateException.class);
    }

    private static Map<String, Object> row(int id) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT state, steps FROM row_log WHERE id = ?", id);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
