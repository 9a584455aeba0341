package dev.bookwise.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.web.auth.AdminKeyProperties;
import dev.bookwise.web.auth.ApiKeyFilter;
import dev.bookwise.web.auth.RateLimitProperties;
import dev.bookwise.web.openapi.OpenApiSetup;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    /** Every command needs a key; only the health status is open. Host keys are found in host_credential. */
    @Bean
    ApiKeyFilter apiKeyFilter(
            AdminKeyProperties admin, RateLimitProperties limits, CommandDirectory directory, ObjectMapper json) {
        return new ApiKeyFilter(
                admin.adminKey(),
                limits,
                (digest, request) -> directory.hostWithKeyDigest(digest),
                Set.of("/actuator/health", "/actuator/health/**"),
                json);
    }

    @Bean
    OpenAPI bookwiseOpenApi() {
        return OpenApiSetup.document("BookWise command side");
    }
}
