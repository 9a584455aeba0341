package dev.bookwise.command.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminKey             the admin bearer key ({@code BOOKWISE_ADMIN_KEY})
 * @param reservationTtl       how long a reservation waits for confirmation ({@code BOOKWISE_RESERVATION_TTL})
 * @param idempotencyRetention how long a stored response answers retries with the same Idempotency-Key
 * @param hostLock             order writers per host with a PostgreSQL advisory lock, so that
 *                             concurrent commands seldom need the conflict retry
 * @param conflictRetries      attempts of a command whose append lost a race on the event stream
 * @param rateLimit            requests per second per API key and per client address without one
 * @param calendarCache        calendars kept in memory between commands (0: none, every command loads its
 *                             calendar from the store)
 */
@ConfigurationProperties("bookwise")
public record BookwiseProperties(
        String adminKey,
        @DefaultValue("PT10M") Duration reservationTtl,
        @DefaultValue("PT25H") Duration idempotencyRetention,
        @DefaultValue("true") boolean hostLock,
        @DefaultValue("20") int conflictRetries,
        @DefaultValue RateLimits rateLimit,
        @DefaultValue("10000") int calendarCache) {

    /** Sustained rates and bursts; over them a request is answered 429 rate-limited. */
    public record RateLimits(
            @DefaultValue("100") long perKey,
            @DefaultValue("1000") long perKeyBurst,
            @DefaultValue("20") long perIp,
            @DefaultValue("200") long perIpBurst) {}
}
