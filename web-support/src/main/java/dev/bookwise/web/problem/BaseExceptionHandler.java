package dev.bookwise.web.problem;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.request.RequestFirewall;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure becomes an RFC 9457 problem with a stable code; nothing leaks a stack trace. Each
 * application extends it (as its {@code @RestControllerAdvice}) with the failures only it can meet.
 */
public abstract class BaseExceptionHandler extends ResponseEntityExceptionHandler {

    /** Request attribute naming the problem code of a failed request, for the request metrics. */
    public static final String PROBLEM_CODE = BaseExceptionHandler.class.getName() + ".code";

    private static final Logger log = LoggerFactory.getLogger(BaseExceptionHandler.class);

    @ExceptionHandler(BookwiseException.class)
    ResponseEntity<Problem> onRuleBroken(BookwiseException e, HttpServletRequest request) {
        return problem(e.code(), e.detail(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> onUnexpected(Exception e, HttpServletRequest request) {
        // a failed rollback hides the failure that caused it: look at that one too
        Throwable cause = e instanceof TransactionSystemException failed && failed.getApplicationException() != null
                ? failed.getApplicationException()
                : e;
        if (Outages.isDatabaseUnavailable(e) || Outages.isDatabaseUnavailable(cause)) {
            log.warn("database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return problem(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "the database is unavailable; retry shortly (a write retried with the same Idempotency-Key takes"
                            + " effect at most once, whether or not this attempt did)",
                    request);
        }
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(ErrorCode.INTERNAL_ERROR, "an unexpected error occurred", request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return handleExceptionInternal(
                e, Problem.of(ErrorCode.INVALID_REQUEST, detail, path(request)), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestFirewall.BodyTooLarge tooLarge) {
                return handleExceptionInternal(
                        e,
                        Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), path(request)),
                        headers,
                        HttpStatusCode.valueOf(ErrorCode.PAYLOAD_TOO_LARGE.status()),
                        request);
            }
        }
        String detail = JsonProblems.describe(e);
        return handleExceptionInternal(
                e, Problem.of(ErrorCode.INVALID_REQUEST, detail, path(request)), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Problem problem = body instanceof Problem ours
                ? ours
                : Problem.of(
                        ErrorCode.forStatus(status.value()),
                        body instanceof ProblemDetail spring ? spring.getDetail() : e.getMessage(),
                        path(request));
        HttpHeaders out = new HttpHeaders();
        out.putAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(status).headers(out).body(problem);
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : null;
    }

    /** The problem for {@code code}; a 503 also says when to retry. */
    public static ResponseEntity<Problem> problem(ErrorCode code, String detail, HttpServletRequest request) {
        request.setAttribute(PROBLEM_CODE, code.code());
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(code.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (code == ErrorCode.SERVICE_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return answer.body(Problem.of(code, detail, request.getRequestURI()));
    }
}
