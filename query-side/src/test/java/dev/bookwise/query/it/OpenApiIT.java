package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.testsupport.Api;
import org.junit.jupiter.api.Test;

/** The OpenAPI document lists every query-side path of the contract, and Swagger UI is served. */
class OpenApiIT extends QuerySideIT {

    @Test
    void everyContractPathIsDocumentedWithItsMethod() {
        Api.Response document = api.get("/api/docs/openapi.json", null);
        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.json().path("paths");
        for (String route : new String[] {
            "get /api/availability",
            "get /api/bookings/{bookingId}",
            "get /api/hosts/{hostId}/bookings",
            "get /api/bookings/{bookingId}/history",
            "get /api/hosts/{hostId}/history",
            "post /api/webhooks",
            "get /api/webhooks",
            "get /api/webhooks/{id}",
            "delete /api/webhooks/{id}",
            "get /api/webhooks/{id}/deliveries",
            "post /api/webhooks/{id}/deliveries/{webhookId}/redeliver",
            "post /api/webhooks/{id}/deliveries/redeliver-failed",
            "get /api/bookings/{bookingId}/calendar.ics",
            "post /api/hosts/{hostId}/calendar-feed",
            "get /api/hosts/{hostId}/calendar.ics"
        }) {
            String[] methodAndPath = route.split(" ");
            assertThat(paths.path(methodAndPath[1]).has(methodAndPath[0]))
                    .as(route)
                    .isTrue();
        }
        assertThat(document.body()).doesNotContain("\"caller\"");
        // calendar files are text/calendar; the feed is opened by its token, without the bearer key
        assertThat(paths.at("/~1api~1bookings~1{bookingId}~1calendar.ics/get/responses/200/content")
                        .has("text/calendar"))
                .isTrue();
        JsonNode feed = paths.at("/~1api~1hosts~1{hostId}~1calendar.ics/get");
        assertThat(feed.path("security").isArray()).as(feed.toString()).isTrue();
        assertThat(feed.path("security")).isEmpty();
    }

    @Test
    void swaggerUiIsServedWithoutAKey() {
        assertThat(api.get("/api/docs", null).status()).isIn(200, 302);
        assertThat(api.get("/api/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
