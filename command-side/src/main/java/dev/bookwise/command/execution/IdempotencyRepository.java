package dev.bookwise.command.execution;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.bookwise.command.config.BookwiseProperties;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.secrets.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * First responses to requests that carried an Idempotency-Key, sealed at rest (a host's registration
 * answer holds its key; a booking's, the attendee's address). A write claims its key and stores its
 * answer through {@link WriteStatements}, in the transaction of the command's events: the record
 * commits together with them, or not at all.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyRepository {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRepository.class);

    record StoredResponse(int status, String body, Long position) {}

    private final JdbcTemplate jdbc;
    private final SecretBox secrets;

    IdempotencyRepository(JdbcTemplate jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /**
     * The answer in the current row (columns named as in {@code idempotency_record}).
     *
     * @throws BookwiseException idempotency-key-reused when the key was used for a different request
     */
    StoredResponse stored(ResultSet rs, String requestSha256) throws SQLException {
        if (!rs.getString("request_sha256").equals(requestSha256)) {
            throw new BookwiseException(
                    ErrorCode.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was already used for a different request");
        }
        long position = rs.getLong("response_position");
        Long at = rs.wasNull() ? null : position;
        return new StoredResponse(rs.getInt("response_status"), secrets.open(rs.getString("response_body")), at);
    }

    /** An answer's body as it is kept at rest. */
    String seal(String body) {
        return secrets.seal(body);
    }

    /** The first response stored for the key, for a request whose own transaction was rolled back. */
    Optional<StoredResponse> find(String principal, String key, String requestSha256) {
        return jdbc
                .query(
                        "SELECT request_sha256, response_status, response_body, response_position "
                                + "FROM idempotency_record WHERE principal = ? AND idempotency_key = ?",
                        (rs, i) -> stored(rs, requestSha256),
                        principal,
                        key)
                .stream()
                .findFirst();
    }

    static BookwiseException inFlight() {
        return new BookwiseException(
                ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT, "a request with this Idempotency-Key is still being processed");
    }

    /** Another request with the same key stored its response first. */
    static final class AnsweredConcurrently extends RuntimeException {
        AnsweredConcurrently() {
            super("another request with this Idempotency-Key answered first", null, false, false);
        }
    }

    @Bean
    RecurringTask<Void> idempotencyRecordCleanup(BookwiseProperties properties) {
        return Tasks.recurring("idempotency-record-cleanup", FixedDelay.ofMinutes(10))
                .execute((instance, context) -> {
                    Instant cutoff = Instant.now().minus(properties.idempotencyRetention());
                    int removed =
                            jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?", Timestamp.from(cutoff));
                    log.info("removed {} idempotency records older than {}", removed, cutoff);
                });
    }
}
