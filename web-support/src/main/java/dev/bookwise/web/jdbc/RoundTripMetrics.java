package dev.bookwise.web.jdbc;

import dev.bookwise.web.request.RequestFirewall;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * {@code bookwise.db.round.trips{method,uri,status,replayed}}: the database round trips each API
 * request made (see {@link RoundTrips}); its mean is {@code _sum / _count}, its worst {@code _max}.
 */
public final class RoundTripMetrics extends OncePerRequestFilter {

    private final MeterRegistry meters;
    private final Map<List<String>, DistributionSummary> summaries = new ConcurrentHashMap<>();

    public RoundTripMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // GraphQL's resolvers run on the request's thread, so one request's round trips are all counted here
        return !request.getRequestURI().startsWith("/api/")
                && !request.getRequestURI().equals("/graphql");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long before = RoundTrips.onThisThread();
        try {
            chain.doFilter(request, response);
        } finally {
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            List<String> tags = List.of(
                    "method",
                    RequestFirewall.METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER",
                    "uri",
                    pattern != null ? pattern.toString() : "unmatched",
                    "status",
                    Integer.toString(response.getStatus()),
                    "replayed",
                    Boolean.toString("true".equals(response.getHeader("Idempotent-Replayed"))));
            summaries
                    .computeIfAbsent(
                            tags,
                            t -> DistributionSummary.builder("bookwise.db.round.trips")
                                    .description(
                                            "Database round trips (statements, commits, rollbacks) per API request")
                                    .tags(t.toArray(String[]::new))
                                    .register(meters))
                    .record(RoundTrips.onThisThread() - before);
        }
    }
}
