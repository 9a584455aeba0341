package dev.bookwise.web.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.problem.BaseExceptionHandler;
import dev.bookwise.web.problem.Outages;
import dev.bookwise.web.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer keys on every request, denied by default: only the API documents are open to anyone, and
 * the paths an application names (its anonymous reads, the health status) may be read without a
 * key. Every other path needs the admin key or a host's key; the actuator's other endpoints need the
 * admin key. An attendee's manage token ({@code bwm_...}) is looked up only among bookings, and
 * may make only the requests the application's {@link ManageTokens} allows for its booking (403
 * otherwise). Paths are compared as the client wrote them, which the request firewall has already
 * made sure is the one Spring routes ({@link dev.bookwise.web.request.RequestFirewall}).
 * <p>
 * Rate limits come before any lookup: a request without a key the process already knows (the
 * admin's, or a host's it has seen) is charged to the client's address first, so guessing keys or
 * flooding with unknown ones costs the database nothing beyond the address's allowance.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    /** Request attribute holding the {@link Caller}. */
    public static final String CALLER = ApiKeyFilter.class.getName() + ".caller";

    /** The role the admin key has for the actuator's {@code show-details: when-authorized}. */
    public static final String ADMIN_ROLE = "ADMIN";

    /**
     * Finds the owner of a key (a host, or a team) by the key's SHA-256 (hex); the request is there
     * for lookups that may wait.
     */
    @FunctionalInterface
    public interface HostKeys {
        Optional<Caller> callerWithKeyDigest(String apiKeySha256, HttpServletRequest request);
    }

    /**
     * Attendees' manage tokens ({@code bwm_...}): which booking a token's SHA-256 (hex) belongs to, and
     * which requests that attendee may make. A manage token is never looked up among host keys.
     */
    public interface ManageTokens {

        /** None: every manage token is unknown (401). */
        ManageTokens NONE = new ManageTokens() {
            @Override
            public Optional<UUID> bookingWithTokenDigest(String tokenSha256, HttpServletRequest request) {
                return Optional.empty();
            }

            @Override
            public boolean allows(HttpServletRequest request, UUID bookingId) {
                return false;
            }
        };

        Optional<UUID> bookingWithTokenDigest(String tokenSha256, HttpServletRequest request);

        /** Whether the attendee of {@code bookingId} may make this request; anything else is 403. */
        boolean allows(HttpServletRequest request, UUID bookingId);
    }

    private final BearerAuthentication authentication;
    private final RateLimiter perKey;
    private final RateLimiter perAddress;
    private final HostKeys hostKeys;
    private final ManageTokens manageTokens;
    private final Set<String> anonymousPaths;
    private final ObjectMapper json;

    /**
     * @param anonymousPaths paths that may be read without a key (exact paths, prefixes ending in
     *     {@code /**}, or paths where {@code *} stands for one segment)
     */
    public ApiKeyFilter(
            String adminKey,
            RateLimitProperties limits,
            HostKeys hostKeys,
            Set<String> anonymousPaths,
            ObjectMapper json) {
        this(adminKey, limits, hostKeys, ManageTokens.NONE, anonymousPaths, json);
    }

    /**
     * @param manageTokens the bookings' manage tokens and what their attendees may do
     * @param anonymousPaths paths that may be read without a key (exact paths, or prefixes ending in {@code /**})
     */
    public ApiKeyFilter(
            String adminKey,
            RateLimitProperties limits,
            HostKeys hostKeys,
            ManageTokens manageTokens,
            Set<String> anonymousPaths,
            ObjectMapper json) {
        this.manageTokens = manageTokens;
        this.authentication = new BearerAuthentication(adminKey);
        this.perKey = new RateLimiter(new RateLimiter.Limit(limits.perKey(), limits.perKeyBurst()));
        this.perAddress = new RateLimiter(new RateLimiter.Limit(limits.perIp(), limits.perIpBurst()));
        this.hostKeys = hostKeys;
        this.anonymousPaths = Set.copyOf(anonymousPaths);
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/api/docs") || path.startsWith("/api/docs/") || path.startsWith("/api/swagger-ui/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String digest = authentication.digest(authorization);
        boolean manageToken = BearerAuthentication.isManageToken(authorization);
        Optional<Caller> caller = digest == null ? Optional.empty() : authentication.known(digest);
        OptionalLong wait;
        if (caller.isPresent()) {
            wait = perKey.tryAcquire(caller.get().principal());
        } else {
            wait = perAddress.tryAcquire(request.getRemoteAddr());
            if (wait.isEmpty() && digest != null) {
                try {
                    caller = manageToken
                            ? manageTokens
                                    .bookingWithTokenDigest(digest, request)
                                    .map(Caller::attendee)
                            : authentication.lookUp(digest, found -> hostKeys.callerWithKeyDigest(found, request));
                } catch (DataAccessException e) {
                    if (!Outages.isDatabaseUnavailable(e)) {
                        throw e;
                    }
                    // host keys live in the database: without it no host can be recognised, which is an outage
                    response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                    problem(
                            response,
                            request,
                            ErrorCode.SERVICE_UNAVAILABLE,
                            "the database is unavailable; retry shortly");
                    return;
                }
            }
        }
        if (wait.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()));
            problem(
                    response,
                    request,
                    ErrorCode.RATE_LIMITED,
                    "too many requests; retry after " + wait.getAsLong() + " s");
            return;
        }
        String path = request.getRequestURI();
        if (caller.isEmpty()) {
            if (anonymous(path)) {
                chain.doFilter(request, response);
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problem(response, request, ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <admin or host key>");
            return;
        }
        if (caller.get().attendee()
                && !manageTokens.allows(request, caller.get().bookingId())) {
            problem(
                    response,
                    request,
                    ErrorCode.FORBIDDEN,
                    "a manage token may act only on its own booking, and only as this API allows");
            return;
        }
        if (path.startsWith("/actuator") && !anonymous(path) && !caller.get().admin()) {
            problem(response, request, ErrorCode.FORBIDDEN, "only the admin key may use the operations endpoints");
            return;
        }
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(new AuthenticatedRequest(request, caller.get()), response);
    }

    private boolean anonymous(String path) {
        if (anonymousPaths.contains(path)) {
            return true;
        }
        for (String open : anonymousPaths) {
            if (open.endsWith("/**") && path.startsWith(open.substring(0, open.length() - 2))) {
                return true;
            }
            if (open.contains("/*/") && segmentsMatch(open, path)) {
                return true;
            }
        }
        return false;
    }

    /** {@code /api/hosts/*}{@code /event-types}: each {@code *} is exactly one non-empty path segment. */
    private static boolean segmentsMatch(String pattern, String path) {
        String[] expected = pattern.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            boolean any = expected[i].equals("*") && !actual[i].isEmpty();
            if (!any && !expected[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    private void problem(HttpServletResponse response, HttpServletRequest request, ErrorCode code, String detail)
            throws IOException {
        request.setAttribute(BaseExceptionHandler.PROBLEM_CODE, code.code());
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), Problem.of(code, detail, request.getRequestURI()));
    }

    /** The caller as the servlet API names users: the actuator shows health details to the admin role. */
    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {

        private final Caller caller;

        AuthenticatedRequest(HttpServletRequest request, Caller caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller::principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.admin() && ADMIN_ROLE.equals(role);
        }
    }
}
