package dev.bookwise.web.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sustained rates and bursts ({@code bookwise.rate-limit.*}); over them a request is answered 429
 * rate-limited.
 *
 * @param perKey      requests per second per API key
 * @param perIp       requests per second per client address without a known key (anonymous reads, unknown keys)
 */
@ConfigurationProperties("bookwise.rate-limit")
public record RateLimitProperties(
        @DefaultValue("100") long perKey,
        @DefaultValue("1000") long perKeyBurst,
        @DefaultValue("20") long perIp,
        @DefaultValue("200") long perIpBurst) {}
