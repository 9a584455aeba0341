package dev.bookwise.command.execution;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.bookwise.command.config.BookwiseProperties;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.secrets.SecretBox;
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
 * answer holds its key; a booking's, the attendee's address). All calls run inside the
 * request's transaction: the record commits together with the command's events, or not at all.
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
     * Claims the key for this transaction, or finds the response it already has.
     *
     * @throws BookwiseException idempotency-key-in-flight while another transaction holds the key,
     *                           idempotency-key-reused when the key was used for a different request
     */
    Optional<StoredResponse> claim(String principal, String key, String requestSha256) {
        Boolean claimed = jdbc.queryForObject(
                "SELECT pg_try_advisory_xact_lock(2, hashtext(?))", Boolean.class, principal + "\n" + key);
        if (!Boolean.TRUE.equals(claimed)) {
            throw inFlight();
        }
        return find(principal, key, requestSha256);
    }

    private StoredResponse stored(java.sql.ResultSet rs, String requestSha256) throws java.sql.SQLException {
        if (!rs.getString(1).equals(requestSha256)) {
            throw new BookwiseException(
                    ErrorCode.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was already used for a different request");
        }
        long position = rs.getLong(4);
        Long at = rs.wasNull() ? null : position;
        return new StoredResponse(rs.getInt(2), secrets.open(rs.getString(3)), at);
    }

    /**
     * Stores this request's response unless another request with the key stored one first.
     *
     * @throws AnsweredConcurrently when one did: the caller's transaction must roll back, so that
     *                              the key's effects happen once, and the first response be replayed
     */
    void remember(String principal, String key, String requestSha256, StoredResponse response) {
        int stored = jdbc.update(
                "INSERT INTO idempotency_record (principal, idempotency_key, request_sha256, response_status, "
                        + "response_body, response_position) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                principal,
                key,
                requestSha256,
                response.status(),
                secrets.seal(response.body()),
                response.position());
        if (stored == 0) {
            throw new AnsweredConcurrently();
        }
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
