package dev.bookwise.query.web;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.errors.JsonProblems;
import dev.bookwise.errors.Outages;
import dev.bookwise.errors.Problem;
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
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every failure becomes an RFC 9457 problem with a stable code; nothing leaks a stack trace. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

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
            ResponseEntity<Problem> unavailable =
                    problem(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable; retry shortly", request);
            return ResponseEntity.status(unavailable.getStatusCode())
                    .headers(unavailable.getHeaders())
                    .header("Retry-After", "1")
                    .body(unavailable.getBody());
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

    static ResponseEntity<Problem> problem(ErrorCode code, String detail, HttpServletRequest request) {
        return ResponseEntity.status(code.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problem.of(code, detail, request.getRequestURI()));
    }
}
