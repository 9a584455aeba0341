package dev.bookwise.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Token buckets per caller (API key principal or client address), in this process's memory:
 * with several instances each enforces the limit on its own share of the traffic.
 */
public final class RateLimiter {

    /** {@code perSecond} refilled continuously, at most {@code burst} at once. */
    public record Limit(long perSecond, long burst) {}

    private final Limit limit;
    // idle callers' buckets are full anyway: forgetting them loses nothing
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();

    public RateLimiter(Limit limit) {
        this.limit = limit;
    }

    /** @return empty if the request may go on, else how many whole seconds to wait (for Retry-After) */
    public OptionalLong tryAcquire(String caller) {
        Bucket bucket = buckets.get(
                caller,
                key -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(limit.burst())
                                .refillGreedy(limit.perSecond(), Duration.ofSeconds(1))
                                .build())
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
