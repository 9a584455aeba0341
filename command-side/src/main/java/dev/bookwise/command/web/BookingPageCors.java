package dev.bookwise.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.problem.BaseExceptionHandler;
import dev.bookwise.web.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Cross-origin requests from the booking page, which the query side serves on another origin: a
 * visitor's browser may book ({@code POST /api/bookings}) and, with the manage token, cancel or
 * reschedule ({@code POST /api/bookings/{id}/cancel|reschedule}), and nothing else. The filter runs
 * right after the request firewall and before the key check, because a browser's preflight
 * ({@code OPTIONS}) never carries the {@code Authorization} header it asks permission for.
 */
@Configuration(proxyBeanMethods = false)
class BookingPageCors {

    /**
     * @param origins the booking page's origins ({@code BOOKWISE_CORS_ORIGINS}, comma-separated); each
     *     may be a pattern such as {@code http://localhost:[*]} (any port); empty: no cross-origin request
     * @param maxAge how long a browser may reuse a preflight's answer
     */
    @ConfigurationProperties("bookwise.cors")
    record Properties(
            @DefaultValue({"http://localhost:8081", "http://127.0.0.1:8081"})
            List<String> origins,

            @DefaultValue("PT1H") Duration maxAge) {}

    /** The booking page's calls; every other path answers cross-origin requests with no CORS headers. */
    static final List<String> PATHS =
            List.of("/api/bookings", "/api/bookings/{bookingId}/cancel", "/api/bookings/{bookingId}/reschedule");

    @Bean
    FilterRegistrationBean<CorsFilter> bookingPageCorsFilter(Properties properties, ObjectMapper json) {
        CorsConfiguration allowed = new CorsConfiguration();
        allowed.setAllowedOriginPatterns(properties.origins().stream()
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .toList());
        allowed.setAllowedMethods(List.of("POST"));
        allowed.setAllowedHeaders(List.of("Content-Type", "Authorization", "Idempotency-Key"));
        // the position lets the page read its own write back from the query side (minPosition)
        allowed.setExposedHeaders(List.of("X-Bookwise-Position", "Idempotent-Replayed", "Retry-After"));
        // the manage token travels in the Authorization header, never in cookies
        allowed.setAllowCredentials(false);
        allowed.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        PATHS.forEach(path -> source.registerCorsConfiguration(path, allowed));
        CorsFilter filter = new CorsFilter(source) {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                // Spring's filter ends every preflight itself; the API's other paths keep their usual answers
                return source.getCorsConfiguration(request) == null;
            }
        };
        filter.setCorsProcessor(new ProblemCorsProcessor(json));
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
        // after the request id and the firewall (HIGHEST_PRECEDENCE, + 1), before the API key filter
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** A request from an origin that is not allowed is refused as every other error: a problem document. */
    private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

        private final ObjectMapper json;

        ProblemCorsProcessor(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public boolean processRequest(
                CorsConfiguration configuration, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            boolean accepted = super.processRequest(configuration, request, response);
            if (!accepted) {
                // the request metrics tag refusals by their problem code
                request.setAttribute(BaseExceptionHandler.PROBLEM_CODE, ErrorCode.FORBIDDEN.code());
            }
            return accepted;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            json.writeValue(
                    response.getBody(),
                    Problem.of(
                            ErrorCode.FORBIDDEN,
                            "cross-origin requests are allowed only from the booking page's origins",
                            null));
            response.flush();
        }
    }
}
