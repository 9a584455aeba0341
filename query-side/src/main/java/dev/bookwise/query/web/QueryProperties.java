package dev.bookwise.query.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminKey         the admin bearer key ({@code BOOKWISE_ADMIN_KEY})
 * @param minPositionWait  how long a read with {@code minPosition} waits for the projections
 * @param rateLimit        requests per second per API key and per client address without one
 */
@ConfigurationProperties("bookwise")
public record QueryProperties(
        String adminKey,
        @DefaultValue("PT5S") Duration minPositionWait,
        @DefaultValue RateLimits rateLimit) {

    /** Sustained rates and bursts; over them a request is answered 429 rate-limited. */
    public record RateLimits(
            @DefaultValue("100") long perKey,
            @DefaultValue("1000") long perKeyBurst,
            @DefaultValue("20") long perIp,
            @DefaultValue("200") long perIpBurst) {}
}
