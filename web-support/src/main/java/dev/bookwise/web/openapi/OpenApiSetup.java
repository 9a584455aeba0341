package dev.bookwise.web.openapi;

import dev.bookwise.web.auth.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;

/** The OpenAPI document each application serves at /api/docs/openapi.json (Swagger UI at /api/docs). */
public final class OpenApiSetup {

    static {
        // resolved from the API key by the authentication filter, not sent by clients
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    private OpenApiSetup() {}

    /** @param title the application's name in the document, such as "BookWise command side" */
    public static OpenAPI document(String title) {
        return new OpenAPI()
                .info(new Info().title(title).version("1").description(ApiConventions.DESCRIPTION))
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
