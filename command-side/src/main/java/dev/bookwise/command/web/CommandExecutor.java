package dev.bookwise.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.auth.ApiKeys;
import dev.bookwise.auth.Caller;
import dev.bookwise.command.calendar.CalendarCache;
import dev.bookwise.command.config.BookwiseProperties;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.errors.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one write request as one database transaction: the Idempotency-Key claim, the per-host
 * lock, the command's events (Axon joins this transaction), its deadlines, and the stored response.
 * A command whose append lost the race on the event stream (another node appended first) is
 * run again from the start on fresh state.
 */
@Component
public class CommandExecutor {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CommandExecutor.class);
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String POSITION_HEADER = "X-Bookwise-Position";
    private static final int MAX_KEY_LENGTH = 255;

    private final TransactionTemplate transaction;
    private final RetryTemplate conflictRetry;
    private final JdbcTemplate jdbc;
    private final IdempotencyStore idempotency;
    private final ObjectMapper json;
    private final boolean hostLock;
    private final CalendarCache calendars;
    private final HostGate hostGate = new HostGate(4096, Duration.ofSeconds(30));

    CommandExecutor(
            PlatformTransactionManager transactions,
            JdbcTemplate jdbc,
            IdempotencyStore idempotency,
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

    /**
     * @param hostId  the calendar the command goes to: locked, and its last event's position returned
     * @param body    the parsed request, whose canonical JSON identifies the request for the key
     * @param success the status of a successful answer
     * @param action  sends the command and returns the response body
     */
    public ResponseEntity<String> execute(
            HttpServletRequest request,
            Caller caller,
            UUID hostId,
            Object body,
            HttpStatus success,
            Supplier<Object> action) {
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "Idempotency-Key must be 1 to 255 characters");
        }
        String fingerprint = key == null
                ? null
                : ApiKeys.sha256Hex(request.getMethod() + " " + request.getRequestURI() + "\n" + toJson(body));
        try {
            return hostGate.run(hostId, () -> attempt(request, caller, hostId, success, action, key, fingerprint));
        } catch (IdempotencyStore.AnsweredConcurrently first) {
            // this request's transaction, effects and all, was rolled back: answer what the first one answered
            return transaction.execute(tx -> respond(
                    idempotency.find(caller.principal(), key, fingerprint).orElseThrow(IdempotencyStore::inFlight),
                    true));
        }
    }

    private ResponseEntity<String> attempt(
            HttpServletRequest request,
            Caller caller,
            UUID hostId,
            HttpStatus success,
            Supplier<Object> action,
            String key,
            String fingerprint) {
        return conflictRetry.execute(attempt -> {
            AtomicReference<Long> calendarVersion = new AtomicReference<>();
            ResponseEntity<String> response;
            try {
                response = transaction.execute(tx -> {
                    if (key != null) {
                        Optional<IdempotencyStore.StoredResponse> stored =
                                idempotency.claim(caller.principal(), key, fingerprint);
                        if (stored.isPresent()) {
                            return respond(stored.get(), true);
                        }
                    }
                    if (hostLock && hostId != null) {
                        jdbc.queryForObject(
                                "SELECT pg_advisory_xact_lock(1, hashtext(?))::text", String.class, hostId.toString());
                    }
                    calendars.beforeCommand(hostId);
                    IdempotencyStore.StoredResponse outcome = run(request, hostId, success, action, calendarVersion);
                    if (key != null) {
                        idempotency.remember(caller.principal(), key, fingerprint, outcome);
                    }
                    return respond(outcome, false);
                });
            } catch (RuntimeException e) {
                calendars.forget(hostId);
                throw e;
            }
            calendars.committed(hostId, calendarVersion.get());
            return response;
        });
    }

    private IdempotencyStore.StoredResponse run(
            HttpServletRequest request,
            UUID hostId,
            HttpStatus success,
            Supplier<Object> action,
            AtomicReference<Long> calendarVersion) {
        try {
            Object result = action.get();
            Head head = headOf(hostId);
            calendarVersion.set(head == null ? null : head.sequence());
            return new IdempotencyStore.StoredResponse(
                    success.value(), toJson(result), head == null ? null : head.position());
        } catch (BookwiseException e) {
            return problem(e.code(), e.detail(), request);
        } catch (AggregateNotFoundException e) {
            return problem(ErrorCode.HOST_NOT_FOUND, "no host " + hostId, request);
        }
    }

    private IdempotencyStore.StoredResponse problem(ErrorCode code, String detail, HttpServletRequest request) {
        request.setAttribute(RequestMetrics.PROBLEM_CODE, code.code());
        return new IdempotencyStore.StoredResponse(
                code.status(), toJson(Problem.of(code, detail, request.getRequestURI())), null);
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

    private static ResponseEntity<String> respond(IdempotencyStore.StoredResponse response, boolean replayed) {
        log.debug(
                "answered {}{}{}",
                response.status(),
                replayed ? " (replayed)" : "",
                response.position() == null ? "" : " at position " + response.position());
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status())
                .contentType(
                        response.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        if (response.position() != null) {
            builder.header(POSITION_HEADER, response.position().toString());
        }
        if (replayed) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(response.body());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }
}
