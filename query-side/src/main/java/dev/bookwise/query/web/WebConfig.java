package dev.bookwise.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.host.HostRepository;
import dev.bookwise.web.auth.AdminKeyProperties;
import dev.bookwise.web.auth.ApiKeyFilter;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.auth.RateLimitProperties;
import dev.bookwise.web.openapi.OpenApiSetup;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    /** Availability and the health status may be read without a key. */
    static final Set<String> ANONYMOUS = Set.of("/api/availability", "/actuator/health", "/actuator/health/**");

    private final MinPositionInterceptor minPosition;

    WebConfig(MinPositionInterceptor minPosition) {
        this.minPosition = minPosition;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(minPosition).addPathPatterns("/api/**");
    }

    /**
     * Host keys are found by their digest in host_view. A key registered a moment ago may not be
     * projected yet: with {@code minPosition} the lookup waits for the projections and looks again.
     */
    @Bean
    ApiKeyFilter apiKeyFilter(
            AdminKeyProperties admin,
            RateLimitProperties limits,
            HostRepository hosts,
            Freshness freshness,
            ObjectMapper json) {
        return new ApiKeyFilter(
                admin.adminKey(),
                limits,
                (digest, request) ->
                        hostWithKeyDigest(hosts, freshness, digest, request).map(Caller::host),
                ANONYMOUS,
                json);
    }

    private static Optional<UUID> hostWithKeyDigest(
            HostRepository hosts, Freshness freshness, String digest, HttpServletRequest request) {
        Optional<UUID> host = hosts.hostWithKeyDigest(digest);
        String minPosition = request.getParameter("minPosition");
        if (host.isEmpty()
                && minPosition != null
                && minPosition.matches("\\d{1,18}")
                && freshness.awaitPosition(Long.parseLong(minPosition)) == Freshness.Wait.REACHED) {
            host = hosts.hostWithKeyDigest(digest);
        }
        return host;
    }

    @Bean
    OpenAPI bookwiseOpenApi() {
        return OpenApiSetup.document("BookWise query side");
    }
}
