package dev.bookwise.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.auth.BearerAuthentication;
import dev.bookwise.auth.Caller;
import dev.bookwise.auth.RateLimiter;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.errors.Outages;
import dev.bookwise.errors.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer keys on every /api read (availability may also be read without one): the admin key, or a host's key found by its
 * SHA-256 in host_view. A key registered a moment ago may not be projected yet: with
 * {@code minPosition} the lookup waits for the projections first.
 */
@Component
class ApiKeyAuthFilter extends OncePerRequestFilter {

    static final String CALLER = ApiKeyAuthFilter.class.getName() + ".caller";
    /** Readable without a key. */
    private static final String PUBLIC = "/api/availability";

    private final BearerAuthentication authentication;
    private final RateLimiter perKey;
    private final RateLimiter perAddress;
    private final JdbcTemplate jdbc;
    private final Freshness freshness;
    private final ObjectMapper json;

    ApiKeyAuthFilter(QueryProperties properties, JdbcTemplate jdbc, Freshness freshness, ObjectMapper json) {
        this.authentication = new BearerAuthentication(properties.adminKey());
        QueryProperties.RateLimits limits = properties.rateLimit();
        this.perKey = new RateLimiter(new RateLimiter.Limit(limits.perKey(), limits.perKeyBurst()));
        this.perAddress = new RateLimiter(new RateLimiter.Limit(limits.perIp(), limits.perIpBurst()));
        this.jdbc = jdbc;
        this.freshness = freshness;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") || path.startsWith("/api/docs") || path.startsWith("/api/swagger-ui");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String minPosition = request.getParameter("minPosition");
        Optional<Caller> caller;
        try {
            caller = authentication.authenticate(
                    request.getHeader(HttpHeaders.AUTHORIZATION), digest -> hostByKeyDigest(digest, minPosition));
        } catch (DataAccessException e) {
            if (!Outages.isDatabaseUnavailable(e)) {
                throw e;
            }
            // host keys live in the database: without it no host can be recognised, which is an outage, not a 401
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problem(response, request, ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable; retry shortly");
            return;
        }
        // anonymous reads and failed keys count against the client's address
        OptionalLong wait = caller.isPresent()
                ? perKey.tryAcquire(caller.get().principal())
                : perAddress.tryAcquire(request.getRemoteAddr());
        if (wait.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()));
            problem(
                    response,
                    request,
                    ErrorCode.RATE_LIMITED,
                    "too many requests; retry after " + wait.getAsLong() + " s");
            return;
        }
        if (caller.isEmpty()) {
            if (PUBLIC.equals(request.getRequestURI())) {
                chain.doFilter(request, response);
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problem(response, request, ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <admin or host key>");
            return;
        }
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(request, response);
    }

    /** A key registered a moment ago may not be projected yet: with minPosition, wait for it and look again. */
    private Optional<UUID> hostByKeyDigest(String apiKeySha256, String minPosition) {
        Optional<UUID> host = lookup(apiKeySha256);
        if (host.isEmpty()
                && minPosition != null
                && minPosition.matches("\\d{1,18}")
                && freshness.awaitPosition(Long.parseLong(minPosition))) {
            host = lookup(apiKeySha256);
        }
        return host;
    }

    private Optional<UUID> lookup(String apiKeySha256) {
        return jdbc
                .query(
                        "SELECT host_id FROM host_view WHERE api_key_sha256 = ?",
                        (rs, i) -> rs.getObject(1, UUID.class),
                        apiKeySha256)
                .stream()
                .findFirst();
    }

    private void problem(HttpServletResponse response, HttpServletRequest request, ErrorCode code, String detail)
            throws IOException {
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), Problem.of(code, detail, request.getRequestURI()));
    }
}
