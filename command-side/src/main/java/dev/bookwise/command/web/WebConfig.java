package dev.bookwise.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.web.auth.AdminKeyProperties;
import dev.bookwise.web.auth.ApiKeyFilter;
import dev.bookwise.web.auth.RateLimitProperties;
import dev.bookwise.web.openapi.OpenApiSetup;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    /**
     * Every command needs a key, except a booking of a public event type (the controller refuses any
     * other booking without one); the health status is open. Host keys are found in host_credential,
     * manage tokens in booking_manage_token; a manage token may only cancel or reschedule its own
     * booking.
     */
    @Bean
    ApiKeyFilter apiKeyFilter(
            AdminKeyProperties admin, RateLimitProperties limits, CommandDirectory directory, ObjectMapper json) {
        return new ApiKeyFilter(
                admin.adminKey(),
                limits,
                (digest, request) -> directory.callerWithKeyDigest(digest),
                new ApiKeyFilter.ManageTokens() {
                    @Override
                    public Optional<UUID> bookingWithTokenDigest(String tokenSha256, HttpServletRequest request) {
                        return directory.bookingWithManageTokenDigest(tokenSha256);
                    }

                    @Override
                    public boolean allows(HttpServletRequest request, UUID bookingId) {
                        String path = request.getRequestURI();
                        String booking = "/api/bookings/" + bookingId;
                        return "POST".equals(request.getMethod())
                                && (path.equals(booking + "/cancel") || path.equals(booking + "/reschedule"));
                    }
                },
                Set.of("/actuator/health", "/actuator/health/**", "/api/bookings"),
                json);
    }

    @Bean
    OpenAPI bookwiseOpenApi() {
        return OpenApiSetup.document("BookWise command side");
    }
}
