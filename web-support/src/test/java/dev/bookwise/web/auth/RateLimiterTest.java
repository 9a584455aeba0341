package dev.bookwise.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void aBurstIsAllowedThenRequestsWaitAndCallersAreLimitedSeparately() {
        RateLimiter limiter = new RateLimiter(new RateLimiter.Limit(1, 3));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a")).isEmpty();
        }
        assertThat(limiter.tryAcquire("a")).hasValue(1);
        assertThat(limiter.tryAcquire("b")).isEmpty();
    }
}
