package dev.bookwise.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class OutagesTest {

    @Test
    void connectionLossShutdownAndEvictedConnectionsAreOutages() {
        assertThat(Outages.isDatabaseUnavailable(new SQLException("I/O error", "08006")))
                .isTrue();
        assertThat(Outages.isDatabaseUnavailable(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(Outages.isDatabaseUnavailable(new SQLTransientConnectionException("pool timeout")))
                .isTrue();
        // a rollback on a connection the pool already evicted, wrapped as Spring wraps it
        assertThat(Outages.isDatabaseUnavailable(
                        new RuntimeException("JDBC rollback failed", new SQLException("Connection is closed"))))
                .isTrue();
    }

    @Test
    void ruleViolationsAndOtherErrorsAreNot() {
        assertThat(Outages.isDatabaseUnavailable(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(Outages.isDatabaseUnavailable(new SQLException("Connection is closed", "XX000")))
                .isFalse();
        assertThat(Outages.isDatabaseUnavailable(new IllegalStateException("boom")))
                .isFalse();
        assertThat(Outages.isDatabaseUnavailable(null)).isFalse();
    }
}
