package dev.bookwise.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;

class FailuresTest {

    @Test
    void aRefusedWriteIsDescribedByPostgresqlsOwnMessageAndState() {
        SQLException refused = new SQLException(
                "ERROR: value too long for type character varying(100)\n  Where: SQL statement", "22001");
        Throwable failure = new DataIntegrityViolationException(
                "PreparedStatementCallback; SQL [INSERT INTO booking_view ...]; ERROR: value too long", refused);

        assertThat(Failures.describe(failure))
                .isEqualTo("value too long for type character varying(100) (SQLSTATE 22001)");
        assertThat(Failures.isTransient(failure)).isFalse();
    }

    @Test
    void aBatchIsDescribedByTheStatementThatFailedInIt() {
        BatchUpdateException batch =
                new BatchUpdateException("Batch entry 0 INSERT INTO booking_view was aborted", "22000", new int[0]);
        batch.setNextException(
                new SQLException("ERROR: range lower bound must be less than or equal to range upper bound", "22000"));

        assertThat(Failures.describe(new DataIntegrityViolationException("batch", batch)))
                .isEqualTo("range lower bound must be less than or equal to range upper bound (SQLSTATE 22000)");
    }

    @Test
    void otherFailuresAreTheirInnermostMessageWithoutJavaNames() {
        Throwable npe = new IllegalStateException(
                "projecting failed",
                new NullPointerException("Cannot invoke \"dev.bookwise.calendar.Attendee.name()\" because the return"
                        + " value of \"dev.bookwise.events.BookingReserved.attendee()\" is null"));
        Throwable wrapped = new RuntimeException("java.lang.IllegalArgumentException: no such zone: Mars/Olympus");

        assertThat(Failures.describe(npe))
                .isEqualTo("Cannot invoke \"Attendee.name()\" because the return value of"
                        + " \"BookingReserved.attendee()\" is null");
        assertThat(Failures.describe(wrapped)).isEqualTo("no such zone: Mars/Olympus");
        assertThat(Failures.describe(new IllegalStateException())).isEqualTo("the handler failed without saying why");
        assertThat(Failures.describe(new IllegalStateException("x".repeat(5000))))
                .hasSize(Failures.MAX_TEXT);
    }

    @Test
    void outagesAndTimeoutsAreTransientSoTheyAreRetriedNotParked() {
        assertThat(Failures.isTransient(new RuntimeException(new SQLTransientConnectionException("pool timeout"))))
                .isTrue();
        assertThat(Failures.isTransient(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(Failures.isTransient(new SQLException("could not serialize access", "40001")))
                .isTrue();
        assertThat(Failures.isTransient(new SQLException("canceling statement due to statement timeout", "57014")))
                .isTrue();
        assertThat(Failures.isTransient(new QueryTimeoutException("slow"))).isTrue();
        assertThat(Failures.isTransient(new IllegalStateException("Kafka did not acknowledge", new TimeoutException())))
                .isTrue();
        assertThat(Failures.isTransient(new IllegalStateException(
                        "could not create topic",
                        new ExecutionException(new org.apache.kafka.common.errors.TimeoutException("no broker")))))
                .isTrue();
        assertThat(Failures.isTransient(new IllegalArgumentException("bad event")))
                .isFalse();
        assertThat(Failures.isTransient(new SQLException("violates check constraint", "23514")))
                .isFalse();
    }
}
