package dev.bookwise.query.config;

import dev.bookwise.auth.Caller;
import dev.bookwise.errors.ApiConventions;
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
                .info(new Info().title("BookWise query side").version("1").description(ApiConventions.DESCRIPTION))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description(ApiConventions.BEARER_DESCRIPTION)))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
