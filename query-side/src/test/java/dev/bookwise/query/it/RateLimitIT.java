package dev.bookwise.query.it;

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
class RateLimitIT extends QuerySideIT {

    private static void assertRateLimited(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.code()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
    }

    @Test
    void anonymousAvailabilityReadsAreLimitedByAddressAndKeysByKey() {
        String path = "/api/availability?hostId=" + UUID.randomUUID() + "&date="
                + java.time.LocalDate.now().plusDays(30);
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(path, null).status()).isEqualTo(404);
        }
        assertRateLimited(api.get(path, null));

        for (int i = 0; i < 3; i++) {
            assertThat(api.get(path, ADMIN).status()).isEqualTo(404);
        }
        assertRateLimited(api.get("/api/bookings/" + UUID.randomUUID(), ADMIN));
    }
}
