package dev.bookwise.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.auth.BearerAuthentication;
import dev.bookwise.auth.Caller;
import dev.bookwise.auth.RateLimiter;
import dev.bookwise.command.config.BookwiseProperties;
import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.errors.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Bearer keys on every /api request: the admin key, or a host's own key (looked up by its digest). */
@Component
class ApiKeyAuthFilter extends OncePerRequestFilter {

    static final String CALLER = ApiKeyAuthFilter.class.getName() + ".caller";

    private final BearerAuthentication authentication;
    private final RateLimiter perKey;
    private final RateLimiter perAddress;
    private final CommandDirectory directory;
    private final ObjectMapper json;

    ApiKeyAuthFilter(BookwiseProperties properties, CommandDirectory directory, ObjectMapper json) {
        this.authentication = new BearerAuthentication(properties.adminKey());
        BookwiseProperties.RateLimits limits = properties.rateLimit();
        this.perKey = new RateLimiter(new RateLimiter.Limit(limits.perKey(), limits.perKeyBurst()));
        this.perAddress = new RateLimiter(new RateLimiter.Limit(limits.perIp(), limits.perIpBurst()));
        this.directory = directory;
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
        Optional<Caller> caller =
                authentication.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), directory::hostWithKeyDigest);
        // failed keys count against the client's address, so guessing keys is as limited as any anonymous use
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
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problem(response, request, ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <admin or host key>");
            return;
        }
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(request, response);
    }

    private void problem(HttpServletResponse response, HttpServletRequest request, ErrorCode code, String detail)
            throws IOException {
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), Problem.of(code, detail, request.getRequestURI()));
    }
}
