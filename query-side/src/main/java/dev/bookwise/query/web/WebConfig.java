package dev.bookwise.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.booking.BookingRepository;
import dev.bookwise.query.host.HostRepository;
import dev.bookwise.query.team.TeamRepository;
import dev.bookwise.web.auth.AdminKeyProperties;
import dev.bookwise.web.auth.ApiKeyFilter;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.auth.RateLimitProperties;
import dev.bookwise.web.openapi.OpenApiSetup;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    /**
     * Availability, a host's or team's public event types and the health status may be read without a
     * key; so may a host's calendar feed, which calendar clients fetch without one: its handler opens it
     * only for the secret token of its URL. GraphQL is open too, as it answers availability and public
     * event types: its resolvers apply each read's own rule (GraphiQL is a static page). The booking
     * page and its files are for anyone too.
     */
    static final Set<String> ANONYMOUS = Set.of(
            "/book/**",
            "/book-assets/**",
            "/api/availability",
            "/graphql",
            "/graphiql",
            // live availability: the stream and the socket, as anonymous as the read they repeat
            "/api/availability/stream",
            "/api/availability/ws",
            "/api/hosts/*/event-types",
            "/api/teams/*/event-types",
            "/api/hosts/*/calendar.ics",
            "/actuator/health",
            "/actuator/health/**");

    /** GraphQL, where a manage token reads its own booking field by field (its resolvers refuse any other). */
    private static final String GRAPHQL = "/graphql";

    /** A booking, or its calendar file: the two reads a manage token may make of its own booking. */
    private static final Pattern BOOKING_PATH = Pattern.compile("/api/bookings/([0-9a-fA-F-]{36})(?:/calendar\\.ics)?");

    private final MinPositionInterceptor minPosition;

    WebConfig(MinPositionInterceptor minPosition) {
        this.minPosition = minPosition;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(minPosition).addPathPatterns("/api/**", GRAPHQL);
    }

    /**
     * Host keys are found by their digest in host_view, team keys in team_view. A key registered a
     * moment ago may not be projected yet: with {@code minPosition} the lookup waits for the
     * projections and looks again.
     */
    @Bean
    ApiKeyFilter apiKeyFilter(
            AdminKeyProperties admin,
            RateLimitProperties limits,
            HostRepository hosts,
            TeamRepository teams,
            BookingRepository bookings,
            Freshness freshness,
            ObjectMapper json) {
        return new ApiKeyFilter(
                admin.adminKey(),
                limits,
                (digest, request) -> callerWithKeyDigest(hosts, teams, freshness, digest, request),
                new ManageTokens(bookings, freshness),
                ANONYMOUS,
                json);
    }

    /**
     * An attendee's manage token may only read its own booking: {@code GET /api/bookings/{bookingId}} and
     * {@code GET /api/bookings/{bookingId}/calendar.ics}, and {@code POST /graphql}, whose resolvers
     * let it read only that booking.
     * On that path the token's digest is compared in constant time with the booking's; elsewhere (or
     * when it does not match) it is looked up, so that a valid token on another path answers 403.
     */
    private record ManageTokens(BookingRepository bookings, Freshness freshness) implements ApiKeyFilter.ManageTokens {

        @Override
        public Optional<UUID> bookingWithTokenDigest(String digest, HttpServletRequest request) {
            Optional<UUID> found = lookUp(digest, request);
            if (found.isEmpty() && await(request)) {
                found = lookUp(digest, request);
            }
            return found;
        }

        private Optional<UUID> lookUp(String digest, HttpServletRequest request) {
            UUID named = bookingIn(request.getRequestURI());
            if (named != null) {
                Optional<String> stored = bookings.manageTokenDigest(named);
                if (stored.isPresent()
                        && MessageDigest.isEqual(
                                stored.get().getBytes(StandardCharsets.US_ASCII),
                                digest.getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.of(named);
                }
            }
            return bookings.withManageTokenDigest(digest);
        }

        private boolean await(HttpServletRequest request) {
            String minPosition = request.getParameter("minPosition");
            return minPosition != null
                    && minPosition.matches("\\d{1,18}")
                    && freshness.awaitPosition(Long.parseLong(minPosition)) == Freshness.Wait.REACHED;
        }

        @Override
        public boolean allows(HttpServletRequest request, UUID bookingId) {
            if ("POST".equals(request.getMethod()) && GRAPHQL.equals(request.getRequestURI())) {
                return true;
            }
            return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                    && bookingId.equals(bookingIn(request.getRequestURI()));
        }

        private static UUID bookingIn(String path) {
            Matcher matcher = BOOKING_PATH.matcher(path);
            if (!matcher.matches()) {
                return null;
            }
            try {
                return UUID.fromString(matcher.group(1));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private static Optional<Caller> callerWithKeyDigest(
            HostRepository hosts,
            TeamRepository teams,
            Freshness freshness,
            String digest,
            HttpServletRequest request) {
        Optional<Caller> caller = ownerOf(hosts, teams, digest);
        String minPosition = request.getParameter("minPosition");
        if (caller.isEmpty()
                && minPosition != null
                && minPosition.matches("\\d{1,18}")
                && freshness.awaitPosition(Long.parseLong(minPosition)) == Freshness.Wait.REACHED) {
            caller = ownerOf(hosts, teams, digest);
        }
        return caller;
    }

    private static Optional<Caller> ownerOf(HostRepository hosts, TeamRepository teams, String digest) {
        Optional<Caller> host = hosts.hostWithKeyDigest(digest).map(Caller::host);
        return host.isPresent() ? host : teams.teamWithKeyDigest(digest).map(Caller::team);
    }

    @Bean
    OpenAPI bookwiseOpenApi() {
        return OpenApiSetup.document("BookWise query side");
    }
}
