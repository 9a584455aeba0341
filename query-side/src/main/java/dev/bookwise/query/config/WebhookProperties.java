package dev.bookwise.query.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowLoopback              permit loopback and private targets ({@code BOOKWISE_WEBHOOK_ALLOW_LOOPBACK}); for local runs and tests
 * @param allowedNetworks            CIDR blocks permitted although private, loopback or link-local ({@code BOOKWISE_WEBHOOK_ALLOWED_NETWORKS}, comma-separated)
 * @param maxAttempts                attempts per delivery before it is kept as failed
 * @param firstRetry                 the longest wait before the first retry; each later wait doubles, each is jittered down by up to half
 * @param maxRetryDelay              no wait between attempts is longer
 * @param connectTimeout             TCP connect timeout of one attempt
 * @param timeout                    the whole attempt's limit (connect, TLS, send, response)
 * @param maxInFlightPerSubscription attempts to one subscription at once per instance, so a slow receiver cannot take every sender
 * @param maxInFlightPerTargetHost   attempts to one target (the URL's host and port) at once per instance, across all
 *                                   subscriptions that point at it
 * @param maxSubscriptionsPerHost    live subscriptions of one host (its own and those the admin made for it)
 * @param maxAllHostSubscriptions    live admin subscriptions without a host (each one receives every host's events)
 * @param idempotencyRetention       how long a subscription's Idempotency-Key answers a retry; at least 24 hours
 */
@ConfigurationProperties("bookwise.webhook")
public record WebhookProperties(
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("PT5S") Duration firstRetry,
        @DefaultValue("PT1H") Duration maxRetryDelay,
        @DefaultValue("PT3S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue("8") int maxInFlightPerSubscription,
        @DefaultValue("12") int maxInFlightPerTargetHost,
        @DefaultValue("25") int maxSubscriptionsPerHost,
        @DefaultValue("10") int maxAllHostSubscriptions,
        @DefaultValue("PT25H") Duration idempotencyRetention) {

    public WebhookProperties {
        allowedNetworks = allowedNetworks == null
                ? List.of()
                : allowedNetworks.stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("bookwise.webhook.max-attempts must be at least 1");
        }
        if (maxInFlightPerSubscription < 1) {
            throw new IllegalArgumentException("bookwise.webhook.max-in-flight-per-subscription must be at least 1");
        }
        if (maxInFlightPerTargetHost < 1) {
            throw new IllegalArgumentException("bookwise.webhook.max-in-flight-per-target-host must be at least 1");
        }
        if (maxSubscriptionsPerHost < 1 || maxAllHostSubscriptions < 0) {
            throw new IllegalArgumentException(
                    "bookwise.webhook.max-subscriptions-per-host must be at least 1, max-all-host-subscriptions at least 0");
        }
        if (idempotencyRetention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException(
                    "bookwise.webhook.idempotency-retention must be at least 24 hours (the API promises 24 hours)");
        }
    }
}
