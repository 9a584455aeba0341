package dev.bookwise.query.webhook;

import dev.bookwise.web.outbound.PinnedHttpClient;
import dev.bookwise.web.outbound.PinnedHttpClient.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * One HTTP/1.1 POST of a signed message to a checked target, through the application's pinned
 * client ({@link PinnedHttpClient}: connects only to the checked addresses, verifies TLS against the
 * URL's host, one deadline for the whole attempt, no redirects). Of the response body only a short
 * prefix is kept, and a body that stalls or breaks off does not change the status.
 */
final class WebhookSender {

    static final int RESPONSE_PREFIX_BYTES = 256;

    /** What came of one attempt: a status code, or an error (never both). */
    record Outcome(Integer statusCode, String error, String responsePrefix) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final PinnedHttpClient client;

    WebhookSender(Duration connectTimeout, Duration timeout) {
        this.client = new PinnedHttpClient(connectTimeout, timeout);
    }

    WebhookSender(Duration connectTimeout, Duration timeout, SSLContext tls) {
        this.client = new PinnedHttpClient(connectTimeout, timeout, tls);
    }

    Outcome post(TargetPolicy.Target target, String webhookId, long timestampSeconds, String signature, String body) {
        PinnedHttpClient.Request request = new PinnedHttpClient.Request(
                "POST",
                List.of(
                        new Header("Content-Type", "application/json"),
                        new Header("User-Agent", "BookWise-Webhooks/1"),
                        new Header("webhook-id", webhookId),
                        new Header("webhook-timestamp", Long.toString(timestampSeconds)),
                        new Header("webhook-signature", signature)),
                body.getBytes(StandardCharsets.UTF_8),
                RESPONSE_PREFIX_BYTES,
                true);
        PinnedHttpClient.Result result = client.exchange(target, request);
        if (result.response() == null) {
            return new Outcome(null, result.error(), null);
        }
        byte[] prefix = result.response().body();
        return new Outcome(
                result.response().status(),
                null,
                prefix == null
                        ? null
                        : StandardCharsets.UTF_8
                                .decode(ByteBuffer.wrap(prefix))
                                .toString()
                                .replace('\u0000', ' '));
    }

    /** "10 s", "2.5 s": how durations appear in delivery errors. */
    static String seconds(Duration duration) {
        return PinnedHttpClient.seconds(duration);
    }
}
