package dev.bookwise.query.web;

import dev.bookwise.auth.ApiKeys;
import dev.bookwise.auth.Caller;
import dev.bookwise.errors.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer keys on every /api read except availability: the admin key, or a host's key found by its
 * SHA-256 in host_view. A key registered a moment ago may not be projected yet: with
 * {@code minPosition} the lookup waits for the projections first.
 */
@Component
class ApiKeyAuthFilter extends OncePerRequestFilter {

    static final String CALLER = ApiKeyAuthFilter.class.getName() + ".caller";
    private static final String BEARER = "Bearer ";

    private final byte[] adminKeyDigest;
    private final JdbcTemplate jdbc;
    private final Freshness freshness;
    private final ObjectMapper json;
    private final Map<String, UUID> knownHosts = new ConcurrentHashMap<>();

    ApiKeyAuthFilter(QueryProperties properties, JdbcTemplate jdbc, Freshness freshness, ObjectMapper json) {
        String adminKey = properties.adminKey();
        this.adminKeyDigest = adminKey == null || adminKey.isBlank() ? null : ApiKeys.sha256(adminKey);
        this.jdbc = jdbc;
        this.freshness = freshness;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") || path.startsWith("/api/docs") || path.equals("/api/availability");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), request.getParameter("minPosition"));
        if (caller.isEmpty()) {
            response.setStatus(401);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            json.writeValue(response.getOutputStream(), Problem.of(ErrorCode.UNAUTHENTICATED,
                    "send Authorization: Bearer <admin or host key>", request.getRequestURI()));
            return;
        }
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(request, response);
    }

    private Optional<Caller> authenticate(String authorization, String minPosition) {
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.length() > 512) {
            return Optional.empty();
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = ApiKeys.sha256(key);
        if (adminKeyDigest != null && MessageDigest.isEqual(adminKeyDigest, digest)) {
            return Optional.of(Caller.ADMIN);
        }
        String hex = HexFormat.of().formatHex(digest);
        UUID host = knownHosts.get(hex);
        if (host == null) {
            host = lookup(hex).orElse(null);
            if (host == null && minPosition != null && minPosition.matches("\\d{1,18}")
                    && freshness.awaitPosition(Long.parseLong(minPosition))) {
                host = lookup(hex).orElse(null);
            }
            if (host == null) {
                return Optional.empty();
            }
            knownHosts.put(hex, host);
        }
        return Optional.of(Caller.host(host));
    }

    private Optional<UUID> lookup(String apiKeySha256) {
        return jdbc.query("SELECT host_id FROM host_view WHERE api_key_sha256 = ?",
                (rs, i) -> rs.getObject(1, UUID.class), apiKeySha256).stream().findFirst();
    }
}
