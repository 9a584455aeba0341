package dev.bookwise.query.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowLoopback             permit loopback and private targets ({@code BOOKWISE_WEBHOOK_ALLOW_LOOPBACK}); for local runs and tests
 * @param allowedNetworks           CIDR blocks permitted although private, loopback or link-local ({@code BOOKWISE_WEBHOOK_ALLOWED_NETWORKS}, comma-separated)
 * @param maxAttempts               attempts per delivery before it is kept as failed
 * @param firstRetry                the longest wait before the first retry; each later wait doubles, each is jittered down by up to half
 * @param maxRetryDelay             no wait between attempts is longer
 * @param connectTimeout            TCP connect timeout of one attempt
 * @param timeout                   the whole attempt's limit (connect, send, response headers)
 * @param maxInFlightPerSubscription attempts to one subscription at once per instance, so a slow receiver cannot take every sender
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
        @DefaultValue("8") int maxInFlightPerSubscription) {

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
    }
}
