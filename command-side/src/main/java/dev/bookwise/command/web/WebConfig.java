package dev.bookwise.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.web.auth.AdminKeyProperties;
import dev.bookwise.web.auth.ApiKeyFilter;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.auth.RateLimitProperties;
import dev.bookwise.web.openapi.OpenApiSetup;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    /**
     * Every command needs a key, except a booking of a public event type (the controller refuses any
     * other booking without one); the health status is open. Host keys are found in host_credential,
     * manage tokens in booking_manage_token; a manage token may only cancel or reschedule its booking.
     */
    @Bean
    ApiKeyFilter apiKeyFilter(
            AdminKeyProperties admin, RateLimitProperties limits, CommandDirectory directory, ObjectMapper json) {
        return new ApiKeyFilter(
                admin.adminKey(),
                limits,
                (digest, request) -> directory
                        .hostWithKeyDigest(digest)
                        .map(Caller::host)
                        .or(() -> directory.bookingWithManageTokenDigest(digest).map(Caller::attendee)),
                Set.of("/actuator/health", "/actuator/health/**", "/api/bookings"),
                Set.of("POST /api/bookings/*/cancel", "POST /api/bookings/*/reschedule"),
                json);
    }

    @Bean
    OpenAPI bookwiseOpenApi() {
        return OpenApiSetup.document("BookWise command side");
    }
}
