package dev.bookwise.command.web;

import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.problem.BaseExceptionHandler;
import dev.bookwise.web.request.RequestFirewall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Counts what became of each write: {@code bookwise.bookings{outcome}} for reservations
 * ({@code reserved}, or the problem code: {@code slot-unavailable} is a lost race or a taken slot,
 * {@code slot-not-offered}, {@code invalid-request}, ...), {@code bookwise.commands{operation,outcome}}
 * for every write, and {@code bookwise.idempotent.replays{operation}}. Latency per endpoint is
 * Spring's {@code http.server.requests} histogram.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestMetrics extends OncePerRequestFilter {

    private final MeterRegistry meters;

    RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, response);
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response) {
        int status = response.getStatus();
        Object code = request.getAttribute(BaseExceptionHandler.PROBLEM_CODE);
        String outcome = status < 400
                ? "ok"
                : code != null ? code.toString() : ErrorCode.forStatus(status).code();
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String method = RequestFirewall.METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
        String operation = method + " " + (pattern != null ? pattern : "unmatched");
        boolean replayed = "true".equals(response.getHeader("Idempotent-Replayed"));
        if (replayed) {
            Counter.builder("bookwise.idempotent.replays")
                    .description("Writes answered from a stored response")
                    .tag("operation", operation)
                    .register(meters)
                    .increment();
        }
        Counter.builder("bookwise.commands")
                .description("Writes by operation and outcome")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
        if (operation.equals("POST /api/bookings") && !replayed) {
            Counter.builder("bookwise.bookings")
                    .description("Reservation requests by outcome")
                    .tag("outcome", status == 201 ? "reserved" : outcome)
                    .register(meters)
                    .increment();
        }
    }
}
