package dev.bookwise.query.webhook;

import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.config.WebhookProperties;
import dev.bookwise.web.outbound.OutboundPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * Where webhooks may go: the application's outbound rules ({@link OutboundPolicy}) with the
 * webhook settings ({@code bookwise.webhook.allow-loopback}, {@code allowed-networks}), answered as
 * 400 invalid-webhook-url. A URL is checked when a subscription is made (for names that resolve
 * then) and again before every attempt, which connects only to the addresses checked then.
 */
final class TargetPolicy extends OutboundPolicy {

    TargetPolicy(WebhookProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    TargetPolicy(WebhookProperties properties, Resolver resolver) {
        super(
                new Rules(
                        properties.allowLoopback(),
                        properties.allowedNetworks(),
                        "bookwise.webhook.allowed-networks",
                        ErrorCode.INVALID_WEBHOOK_URL,
                        "authenticate receivers by the signature"),
                resolver);
    }

    /** The URL, if it is well formed and its host (when it resolves now) is allowed; else 400 invalid-webhook-url. */
    URI checkSubscription(String url) {
        return checkUrl(url);
    }

    /** The addresses an attempt may connect to now, or why it may not go. */
    Checked checkAtDelivery(URI uri) {
        return checkAtConnection(uri);
    }

    /** Why an attempt may not go to this URL now, if it may not. */
    Optional<String> refusalAtDelivery(URI uri) {
        return Optional.ofNullable(checkAtDelivery(uri).refusal());
    }
}
