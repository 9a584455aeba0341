package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
        properties = {
            "bookwise.rate-limit.per-key=1",
            "bookwise.rate-limit.per-key-burst=3",
            "bookwise.rate-limit.per-ip=1",
            "bookwise.rate-limit.per-ip-burst=3"
        })
class RateLimitIT extends CommandSideIT {

    private static void assertRateLimited(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.code()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
    }

    @Test
    void aKeyOverItsBurstIsToldToWait() {
        String path = "/api/bookings/" + UUID.randomUUID() + "/status";
        for (int i = 0; i < 3; i++) {
            assertThat(api.patch(path, ADMIN, "{\"status\":\"CONFIRMED\"}").status())
                    .isEqualTo(404);
        }
        assertRateLimited(api.patch(path, ADMIN, "{\"status\":\"CONFIRMED\"}"));
    }

    @Test
    void requestsWithoutAValidKeyAreLimitedByAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/hosts", "not-a-key", "{}").status()).isEqualTo(401);
        }
        assertRateLimited(api.post("/api/hosts", null, "{}"));
    }
}
