package dev.bookwise.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.testsupport.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document lists every query-side path of the contract, and Swagger UI is served. */
class OpenApiIT extends QuerySideIT {

    @Test
    void everyContractPathIsDocumentedWithItsMethod() {
        Api.Response document = api.get("/api/docs/openapi.json", null);
        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.json().path("paths");
        for (String path : new String[] {"/api/availability", "/api/bookings/{bookingId}", "/api/hosts/{hostId}/bookings",
                "/api/bookings/{bookingId}/history", "/api/hosts/{hostId}/history"}) {
            assertThat(paths.path(path).has("get")).as(path).isTrue();
        }
        assertThat(document.body()).doesNotContain("\"caller\"");
    }

    @Test
    void swaggerUiIsServedWithoutAKey() {
        assertThat(api.get("/api/docs", null).status()).isIn(200, 302);
        assertThat(api.get("/api/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
