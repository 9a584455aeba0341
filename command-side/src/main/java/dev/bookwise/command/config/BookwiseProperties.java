package dev.bookwise.command.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reservationTtl       how long a reservation waits for confirmation ({@code BOOKWISE_RESERVATION_TTL})
 * @param idempotencyRetention how long a stored response answers retries with the same Idempotency-Key
 * @param hostLock             order writers per host with a PostgreSQL advisory lock, so that
 *                             concurrent commands seldom need the conflict retry
 * @param conflictRetries      attempts of a command whose append lost a race on the event stream
 * @param calendarCache        calendars kept in memory between commands (0: none, every command loads its
 *                             calendar from the store)
 */
@ConfigurationProperties("bookwise")
public record BookwiseProperties(
        @DefaultValue("PT10M") Duration reservationTtl,
        @DefaultValue("PT25H") Duration idempotencyRetention,
        @DefaultValue("true") boolean hostLock,
        @DefaultValue("20") int conflictRetries,
        @DefaultValue("10000") int calendarCache) {}
