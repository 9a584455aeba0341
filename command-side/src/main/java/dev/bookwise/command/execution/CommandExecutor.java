package dev.bookwise.command.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.command.calendar.CalendarCache;
import dev.bookwise.command.config.BookwiseProperties;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one write as one database transaction: the Idempotency-Key claim, the per-host lock, the
 * command's events (Axon joins this transaction), its deadlines, and the stored response. A command
 * whose append lost the race on the event stream (another node appended first) is run again from
 * the start on fresh state. Knows nothing of HTTP: {@code web.CommandResponses} is its edge.
 * <p>
 * A write with a cached calendar is three round trips to PostgreSQL: {@link WriteStatements#begin},
 * {@link WriteStatements#flush} (everything the command wrote, held in {@link PendingWrites} while
 * it ran) and the commit. A replay is two, a refused command with a key three, without one two.
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
     * @param team           {@code hostId} is a team's id: the team is locked; its members' calendars are
     *                       locked by the command itself, and the answer's position is the last event written
     */
    public record Write(
            Caller caller,
            UUID hostId,
            String idempotencyKey,
            String fingerprint,
            String instance,
            int successStatus,
            boolean team) {}

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
    private final WriteStatements statements;
    private final IdempotencyRepository idempotency;
    private final ObjectMapper json;
    private final boolean hostLock;
    private final CalendarCache calendars;
    private final HostGate hostGate;
    private final Counter knownRefusals;

    CommandExecutor(
            PlatformTransactionManager transactions,
            WriteStatements statements,
            IdempotencyRepository idempotency,
            ObjectMapper json,
            BookwiseProperties properties,
            CalendarCache calendars,
            HostGate hostGate,
            MeterRegistry meters) {
        this.knownRefusals = Counter.builder("bookwise.refusals.known")
                .description("Writes refused by a refusal decided before, answered without the write's locks")
                .register(meters);
        this.calendars = calendars;
        this.hostGate = hostGate;
        this.transaction = new TransactionTemplate(transactions);
        this.conflictRetry = RetryTemplate.builder()
                .maxAttempts(Math.max(1, properties.conflictRetries()))
                .exponentialBackoff(2, 2.0, 100, true)
                .retryOn(List.of(ConcurrencyException.class, PessimisticLockingFailureException.class))
                .traversingCauses()
                .build();
        this.statements = statements;
        this.idempotency = idempotency;
        this.json = json;
        this.hostLock = properties.hostLock();
    }

    /** @param action sends the command and returns the answer's body */
    public Outcome execute(Write write, Supplier<Object> action) {
        return execute(write, action, Optional::empty);
    }

    /**
     * A write that may be refused by what was decided before: {@code known} gives that refusal, if
     * any, for this very request (checked as the command would check it), and it is answered without
     * the write's locks when nothing it was decided on has changed since. It is asked on arrival,
     * and again when the request's turn comes: while a burst of requests for one taken slot waits,
     * the first of them to be refused under the locks lets every other be answered by one statement.
     *
     * @param action sends the command and returns the answer's body
     * @param known  the refusal known for this request, or empty
     */
    public Outcome execute(Write write, Supplier<Object> action, Supplier<Optional<KnownRefusal>> known) {
        Outcome outcome;
        try {
            Optional<KnownRefusal> onArrival = known.get();
            Optional<Outcome> early = onArrival.flatMap(refusal -> refuseIfUnchanged(write, refusal));
            if (early.isPresent()) {
                outcome = early.get();
            } else {
                Map<String, Long> checked =
                        onArrival.map(KnownRefusal::versions).orElse(null);
                // a refusal decided while this request waited is checked after its turn, not in it: the
                // requests queued behind one taken start go through the turn one after another, but
                // their statements run side by side
                Turn turn = hostGate.run(write.hostId(), () -> {
                    Optional<KnownRefusal> decided = known.get();
                    return decided.isPresent() && !decided.get().versions().equals(checked)
                            ? new Turn(null, decided.get())
                            : new Turn(attempt(write, action), null);
                });
                outcome = turn.outcome() != null
                        ? turn.outcome()
                        : refuseIfUnchanged(write, turn.refusal())
                                .orElseGet(() -> hostGate.run(write.hostId(), () -> attempt(write, action)));
            }
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

    /** What a request's turn gave: its outcome, or a refusal decided while it waited. */
    private record Turn(Outcome outcome, KnownRefusal refusal) {}

    private Optional<Outcome> refuseIfUnchanged(Write write, KnownRefusal refusal) {
        BookwiseException reason = refusal.refusal();
        Outcome refused = problem(reason.code(), reason.detail(), write);
        boolean answered = statements.refuseIfUnchanged(
                write.caller().principal(),
                write.idempotencyKey(),
                write.fingerprint(),
                refusal.versions(),
                refused.status(),
                write.idempotencyKey() == null ? null : idempotency.seal(refused.json()));
        if (answered) {
            knownRefusals.increment();
            return Optional.of(refused);
        }
        return Optional.empty();
    }

    private Outcome attempt(Write write, Supplier<Object> action) {
        String principal = write.caller().principal();
        String key = write.idempotencyKey();
        UUID hostId = write.hostId();
        return conflictRetry.execute(attempt -> {
            AtomicReference<Long> calendarVersion = new AtomicReference<>();
            AtomicReference<PendingWrites> held = new AtomicReference<>();
            AtomicBoolean ran = new AtomicBoolean();
            UUID calendarId = write.team() ? null : hostId;
            Outcome outcome;
            try {
                outcome = transaction.execute(tx -> {
                    // round trip 1: the key claimed (or its answer found), the host locked, its version read
                    WriteStatements.Begin begin =
                            statements.begin(principal, key, hostId, hostLock && hostId != null, write.fingerprint());
                    if (!begin.claimed()) {
                        throw IdempotencyRepository.inFlight();
                    }
                    if (begin.stored() != null) {
                        return replay(begin.stored());
                    }
                    ran.set(true);
                    calendars.beforeCommand(calendarId, begin.lastSequence());
                    try (PendingWrites writes = PendingWrites.open(pending -> statements.flush(pending, null, null))) {
                        held.set(writes);
                        Outcome first = run(write, action);
                        boolean succeeded = first.status() < 400;
                        if (!succeeded) {
                            // nothing of a refused command is written but its answer
                            writes.discard();
                        }
                        WriteStatements.Answer answer = key == null
                                ? null
                                : new WriteStatements.Answer(
                                        principal,
                                        key,
                                        write.fingerprint(),
                                        first.status(),
                                        idempotency.seal(first.json()),
                                        succeeded);
                        if (answer == null && writes.isEmpty() && !(succeeded && calendarId != null)) {
                            return first;
                        }
                        // round trip 2: events, directory rows, deadline, answer, and the calendar's head
                        WriteStatements.Flushed flushed =
                                statements.flush(writes, answer, succeeded ? calendarId : null);
                        if (answer != null && !flushed.answerStored()) {
                            throw new IdempotencyRepository.AnsweredConcurrently();
                        }
                        if (!succeeded) {
                            return first;
                        }
                        calendarVersion.set(flushed.lastSequence());
                        return new Outcome(
                                first.status(), first.result(), first.json(), flushed.position(), false, null);
                    }
                    // round trip 3: the commit
                });
            } catch (RuntimeException e) {
                if (calendarId != null) {
                    calendars.forget(calendarId);
                }
                if (held.get() != null) {
                    held.get().locked().keySet().forEach(calendars::forget);
                }
                throw e;
            }
            if (ran.get()) {
                // a replay left the calendar as it was
                calendars.committed(calendarId, calendarVersion.get());
                PendingWrites writes = held.get();
                // the other calendars the write locked: their cached state is the version it left
                writes.locked()
                        .forEach((member, before) ->
                                calendars.committed(member, writes.heads().getOrDefault(member.toString(), before)));
            }
            return outcome;
        });
    }

    private Outcome run(Write write, Supplier<Object> action) {
        try {
            Object result = action.get();
            // the body is kept as text only when a retry may need it again
            String body = write.idempotencyKey() == null ? null : toJson(result);
            return new Outcome(write.successStatus(), result, body, null, false, null);
        } catch (BookwiseException e) {
            return problem(e.code(), e.detail(), write);
        } catch (AggregateNotFoundException e) {
            return write.team()
                    ? problem(ErrorCode.TEAM_NOT_FOUND, "no team " + write.hostId(), write)
                    : problem(ErrorCode.HOST_NOT_FOUND, "no host " + write.hostId(), write);
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

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }
}
