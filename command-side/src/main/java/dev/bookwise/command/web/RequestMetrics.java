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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The counters by name and tags: registering looks the meter up by its sorted tags on every call. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

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
            counter("bookwise.idempotent.replays", "Writes answered from a stored response", "operation", operation)
                    .increment();
        }
        counter("bookwise.commands", "Writes by operation and outcome", "operation", operation, "outcome", outcome)
                .increment();
        if (operation.equals("POST /api/bookings") && !replayed) {
            counter(
                            "bookwise.bookings",
                            "Reservation requests by outcome",
                            "outcome",
                            status == 201 ? "reserved" : outcome)
                    .increment();
        }
    }

    private Counter counter(String name, String description, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(Arrays.asList(tags));
        return counters.computeIfAbsent(
                key,
                k -> Counter.builder(name).description(description).tags(tags).register(meters));
    }
}
