package dev.bookwise.query.config;

import dev.bookwise.auth.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /api/docs/openapi.json and Swagger UI at /api/docs. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // resolved from the API key by the authentication filter, not sent by clients
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI bookwiseOpenApi() {
        return new OpenAPI()
                .info(new Info().title("BookWise query side").version("1")
                        .description(DESCRIPTION))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The admin key (BOOKWISE_ADMIN_KEY) or a host's own key")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    private static final String DESCRIPTION = """
            Errors are application/problem+json (RFC 9457) with a stable `code`: see docs/architecture.md#errors.
            Every POST/PUT/PATCH accepts an Idempotency-Key header (1-255 characters): a retry with the same key and body
            returns the first response; another body with the same key is 422 idempotency-key-reused; a key still in
            flight is 409 idempotency-key-in-flight. Writes answer X-Bookwise-Position; reads accept ?minPosition= to
            wait for that write (X-Bookwise-Stale: true when the wait runs out).""";
}
