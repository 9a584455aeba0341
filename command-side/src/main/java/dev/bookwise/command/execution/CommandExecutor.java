package dev.bookwise.command.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.command.calendar.CalendarCache;
import dev.bookwise.command.config.BookwiseProperties;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.problem.Problem;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one write as one database transaction: the Idempotency-Key claim, the per-host lock, the
 * command's events (Axon joins this transaction), its deadlines, and the stored response. A command
 * whose append lost the race on the event stream (another node appended first) is run again from
 * the start on fresh state. Knows nothing of HTTP: {@code web.CommandResponses} is its edge.
 */
@Component
public class CommandExecutor {

    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

    /**
     * One write.
     *
     * @param hostId         the calendar the command goes to: locked, and its last event's position returned
     * @param idempotencyKey the client's key, or null
     * @param fingerprint    what identifies the request under its key (method, path, canonical body)
     * @param instance       what a problem names as its instance (the request path)
     * @param successStatus  the status of a successful answer
     */
    public record Write(
            Caller caller,
            UUID hostId,
            String idempotencyKey,
            String fingerprint,
            String instance,
            int successStatus) {}

    /**
     * What a write answered.
     *
     * @param result      the action's result, for a first answer that succeeded; null otherwise
     * @param json        the answer's body as JSON: for a replay, a problem, or a first answer that was stored
     * @param position    the global position of the calendar's last event (read-your-writes), if any
     * @param problemCode the problem's code when {@code status >= 400}
     */
    public record Outcome(
            int status, Object result, String json, Long position, boolean replayed, String problemCode) {}

    private final TransactionTemplate transaction;
    private final RetryTemplate conflictRetry;
    private final JdbcTemplate jdbc;
    private final IdempotencyRepository idempotency;
    private final ObjectMapper json;
    private final boolean hostLock;
    private final CalendarCache calendars;
    private final HostGate hostGate = new HostGate(4096, Duration.ofSeconds(30));

    CommandExecutor(
            PlatformTransactionManager transactions,
            JdbcTemplate jdbc,
            IdempotencyRepository idempotency,
            ObjectMapper json,
            BookwiseProperties properties,
            CalendarCache calendars) {
        this.calendars = calendars;
        this.transaction = new TransactionTemplate(transactions);
        this.conflictRetry = RetryTemplate.builder()
                .maxAttempts(Math.max(1, properties.conflictRetries()))
                .exponentialBackoff(2, 2.0, 100, true)
                .retryOn(ConcurrencyException.class)
                .traversingCauses()
                .build();
        this.jdbc = jdbc;
        this.idempotency = idempotency;
        this.json = json;
        this.hostLock = properties.hostLock();
    }

    /** @param action sends the command and returns the answer's body */
    public Outcome execute(Write write, Supplier<Object> action) {
        Outcome outcome;
        try {
            outcome = hostGate.run(write.hostId(), () -> attempt(write, action));
        } catch (IdempotencyRepository.AnsweredConcurrently first) {
            // this request's transaction, effects and all, was rolled back: answer what the first one answered
            outcome = transaction.execute(tx -> replay(idempotency
                    .find(write.caller().principal(), write.idempotencyKey(), write.fingerprint())
                    .orElseThrow(IdempotencyRepository::inFlight)));
        }
        log.debug(
                "answered {}{}{}",
                outcome.status(),
                outcome.replayed() ? " (replayed)" : "",
                outcome.position() == null ? "" : " at position " + outcome.position());
        return outcome;
    }

    private Outcome attempt(Write write, Supplier<Object> action) {
        String principal = write.caller().principal();
        String key = write.idempotencyKey();
        UUID hostId = write.hostId();
        return conflictRetry.execute(attempt -> {
            AtomicReference<Long> calendarVersion = new AtomicReference<>();
            Outcome outcome;
            try {
                outcome = transaction.execute(tx -> {
                    if (key != null) {
                        Optional<IdempotencyRepository.StoredResponse> stored =
                                idempotency.claim(principal, key, write.fingerprint());
                        if (stored.isPresent()) {
                            return replay(stored.get());
                        }
                    }
                    if (hostLock && hostId != null) {
                        jdbc.queryForObject(
                                "SELECT pg_advisory_xact_lock(1, hashtext(?))::text", String.class, hostId.toString());
                    }
                    calendars.beforeCommand(hostId);
                    Outcome first = run(write, action, calendarVersion);
                    if (key != null) {
                        idempotency.remember(
                                principal,
                                key,
                                write.fingerprint(),
                                new IdempotencyRepository.StoredResponse(
                                        first.status(), first.json(), first.position()));
                    }
                    return first;
                });
            } catch (RuntimeException e) {
                calendars.forget(hostId);
                throw e;
            }
            calendars.committed(hostId, calendarVersion.get());
            return outcome;
        });
    }

    private Outcome run(Write write, Supplier<Object> action, AtomicReference<Long> calendarVersion) {
        try {
            Object result = action.get();
            Head head = headOf(write.hostId());
            calendarVersion.set(head == null ? null : head.sequence());
            // the body is kept as text only when a retry may need it again
            String body = write.idempotencyKey() == null ? null : toJson(result);
            return new Outcome(write.successStatus(), result, body, head == null ? null : head.position(), false, null);
        } catch (BookwiseException e) {
            return problem(e.code(), e.detail(), write);
        } catch (AggregateNotFoundException e) {
            return problem(ErrorCode.HOST_NOT_FOUND, "no host " + write.hostId(), write);
        }
    }

    private Outcome problem(ErrorCode code, String detail, Write write) {
        return new Outcome(
                code.status(), null, toJson(Problem.of(code, detail, write.instance())), null, false, code.code());
    }

    private Outcome replay(IdempotencyRepository.StoredResponse stored) {
        String code = null;
        if (stored.status() >= 400) {
            try {
                code = json.readTree(stored.body()).path("code").asText(null);
            } catch (JsonProcessingException e) {
                code = ErrorCode.forStatus(stored.status()).code();
            }
        }
        return new Outcome(stored.status(), null, stored.body(), stored.position(), true, code);
    }

    /**
     * The calendar's last event: its global index is the read-your-writes token for the query side,
     * its sequence number the version of the calendar the command left in the cache.
     */
    private record Head(long position, long sequence) {}

    private Head headOf(UUID hostId) {
        if (hostId == null) {
            return null;
        }
        return jdbc
                .query(
                        "SELECT global_index, sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? "
                                + "ORDER BY sequence_number DESC LIMIT 1",
                        (rs, i) -> new Head(rs.getLong(1), rs.getLong(2)),
                        hostId.toString())
                .stream()
                .findFirst()
                .orElse(null);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }
}
