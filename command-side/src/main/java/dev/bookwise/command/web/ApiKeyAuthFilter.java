package dev.bookwise.command.web;

import dev.bookwise.auth.Caller;
import dev.bookwise.auth.ApiKeys;
import dev.bookwise.errors.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.command.config.BookwiseProperties;
import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.errors.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

/** Bearer keys on every /api request: the admin key, or a host's own key (looked up by its digest). */
@Component
class ApiKeyAuthFilter extends OncePerRequestFilter {

    static final String CALLER = ApiKeyAuthFilter.class.getName() + ".caller";
    private static final String BEARER = "Bearer ";

    private final byte[] adminKeyDigest;
    private final CommandDirectory directory;
    private final ObjectMapper json;
    // a key never changes owner, so a found digest can be remembered
    private final Map<String, UUID> knownHosts = new ConcurrentHashMap<>();

    ApiKeyAuthFilter(BookwiseProperties properties, CommandDirectory directory, ObjectMapper json) {
        String adminKey = properties.adminKey();
        this.adminKeyDigest = adminKey == null || adminKey.isBlank() ? null : ApiKeys.sha256(adminKey);
        this.directory = directory;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") || path.startsWith("/api/docs");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
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

    private Optional<Caller> authenticate(String authorization) {
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
            host = directory.hostWithKeyDigest(hex).orElse(null);
            if (host == null) {
                return Optional.empty();
            }
            knownHosts.put(hex, host);
        }
        return Optional.of(Caller.host(host));
    }
}
