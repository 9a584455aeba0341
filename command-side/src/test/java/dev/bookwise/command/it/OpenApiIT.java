package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.testsupport.Api;
import org.junit.jupiter.api.Test;

/** The OpenAPI document lists every command-side path of the contract, and Swagger UI is served. */
class OpenApiIT extends CommandSideIT {

    @Test
    void everyContractPathIsDocumentedWithItsMethod() {
        Api.Response document = api.get("/api/docs/openapi.json", null);
        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.json().path("paths");
        assertThat(paths.path("/api/hosts").has("post")).isTrue();
        assertThat(paths.path("/api/hosts/{hostId}/schedule").has("put")).isTrue();
        assertThat(paths.path("/api/hosts/{hostId}/availability-windows").has("post"))
                .isTrue();
        assertThat(paths.path("/api/bookings").has("post")).isTrue();
        assertThat(paths.path("/api/bookings/{bookingId}/status").has("patch")).isTrue();
        assertThat(paths.path("/api/bookings/{bookingId}/reschedule").has("post"))
                .isTrue();
        assertThat(document.body()).doesNotContain("\"caller\"");
    }

    @Test
    void swaggerUiIsServedWithoutAKey() {
        Api.Response ui = api.get("/api/docs", null);
        assertThat(ui.status()).isIn(200, 302);
        assertThat(api.get("/api/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
