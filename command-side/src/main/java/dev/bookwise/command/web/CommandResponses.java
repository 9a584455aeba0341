package dev.bookwise.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.command.execution.CommandExecutor;
import dev.bookwise.command.execution.KnownRefusal;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.idempotency.IdempotencyKeys;
import dev.bookwise.web.problem.BaseExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** The HTTP edge of the {@link CommandExecutor}: headers in, status, body and headers out. */
@Component
public class CommandResponses {

    public static final String POSITION_HEADER = "X-Bookwise-Position";

    private final CommandExecutor executor;
    private final ObjectMapper json;

    CommandResponses(CommandExecutor executor, ObjectMapper json) {
        this.executor = executor;
        this.json = json;
    }

    /**
     * @param hostId  the calendar the command goes to
     * @param body    the parsed request, whose canonical JSON identifies the request under its Idempotency-Key
     * @param success the status of a successful answer
     * @param action  sends the command and returns the answer's body
     */
    public <T> ResponseEntity<T> execute(
            HttpServletRequest request,
            Caller caller,
            UUID hostId,
            Object body,
            HttpStatus success,
            Supplier<T> action) {
        return execute(request, caller, hostId, false, body, success, action, Optional::empty);
    }

    /**
     * A write through a team: the team is locked for it, and the command locks the members'
     * calendars it needs itself.
     */
    public <T> ResponseEntity<T> executeForTeam(
            HttpServletRequest request,
            Caller caller,
            UUID teamId,
            Object body,
            HttpStatus success,
            Supplier<T> action) {
        return execute(request, caller, teamId, true, body, success, action, Optional::empty);
    }

    /**
     * A write through a team that may be answered by a refusal decided before ({@link
     * CommandExecutor#execute(CommandExecutor.Write, Supplier, Supplier)}).
     */
    public <T> ResponseEntity<T> executeForTeam(
            HttpServletRequest request,
            Caller caller,
            UUID teamId,
            Object body,
            HttpStatus success,
            Supplier<T> action,
            Supplier<Optional<KnownRefusal>> known) {
        return execute(request, caller, teamId, true, body, success, action, known);
    }

    private <T> ResponseEntity<T> execute(
            HttpServletRequest request,
            Caller caller,
            UUID lockedId,
            boolean team,
            Object body,
            HttpStatus success,
            Supplier<T> action,
            Supplier<Optional<KnownRefusal>> known) {
        String key = IdempotencyKeys.check(request.getHeader(IdempotencyKeys.HEADER));
        String fingerprint = key == null
                ? null
                : IdempotencyKeys.fingerprint(request.getMethod(), request.getRequestURI(), toJson(body));
        CommandExecutor.Outcome outcome = executor.execute(
                new CommandExecutor.Write(
                        caller, lockedId, key, fingerprint, request.getRequestURI(), success.value(), team),
                action::get,
                known);
        if (outcome.problemCode() != null) {
            request.setAttribute(BaseExceptionHandler.PROBLEM_CODE, outcome.problemCode());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(outcome.status())
                .contentType(outcome.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        if (outcome.position() != null) {
            answer.header(POSITION_HEADER, outcome.position().toString());
        }
        if (outcome.replayed()) {
            answer.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        if (outcome.json() == null) {
            @SuppressWarnings("unchecked")
            T result = (T) outcome.result();
            return answer.body(result);
        }
        // text that is already JSON (a stored answer or a problem) is written as it is: Spring writes any
        // CharSequence body with its string converter, whatever the declared type
        @SuppressWarnings("unchecked")
        T text = (T) outcome.json();
        return answer.body(text);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request not serializable", e);
        }
    }
}
