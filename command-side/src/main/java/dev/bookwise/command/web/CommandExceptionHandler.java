package dev.bookwise.command.web;

import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.problem.BaseExceptionHandler;
import dev.bookwise.web.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The shared problems, and those only commands meet: an unknown calendar, a stream under contention. */
@RestControllerAdvice
class CommandExceptionHandler extends BaseExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandExceptionHandler.class);

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Problem> onUnknownHost(AggregateNotFoundException e, HttpServletRequest request) {
        return problem(ErrorCode.HOST_NOT_FOUND, "no host " + e.getAggregateIdentifier(), request);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Problem> onContention(ConcurrencyException e, HttpServletRequest request) {
        log.warn("command kept losing the race on its event stream: {}", e.getMessage());
        return problem(ErrorCode.SERVICE_UNAVAILABLE, "the calendar is under heavy contention; retry shortly", request);
    }
}
