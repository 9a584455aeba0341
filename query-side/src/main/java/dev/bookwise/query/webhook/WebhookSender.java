package dev.bookwise.query.webhook;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP POST of a signed message, with a deadline on the whole exchange (connect, request,
 * response headers and the first bytes of the body). Of the response body only a short prefix is
 * read; then the connection is let go. Redirects are not followed: the target was checked, the
 * place it redirects to was not.
 */
final class WebhookSender {

    static final int RESPONSE_PREFIX_BYTES = 256;

    /** What came of one attempt: a status code, or an error (never both). */
    record Outcome(Integer statusCode, String error, String responsePrefix) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    WebhookSender(Duration connectTimeout, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timeout = timeout;
    }

    Outcome post(URI url, String webhookId, long timestampSeconds, String signature, String body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "BookWise-Webhooks/1")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestampSeconds))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, info -> new Prefix());
        try {
            HttpResponse<String> response = exchange.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return new Outcome(response.statusCode(), null, response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Outcome(null, "timeout after " + timeout.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", null);
        } catch (ExecutionException e) {
            return new Outcome(null, describe(e.getCause()), null);
        }
    }

    private String describe(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "connect timeout";
        }
        if (failure instanceof HttpTimeoutException) {
            return "timeout after " + timeout.toMillis() + " ms";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + truncate(message, 200));
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** Keeps the first {@link #RESPONSE_PREFIX_BYTES} bytes of a body, then cancels the rest. */
    private static final class Prefix implements HttpResponse.BodySubscriber<String> {
        private final ByteBuffer kept = ByteBuffer.allocate(RESPONSE_PREFIX_BYTES);
        private final CompletableFuture<String> text = new CompletableFuture<>();
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining() && kept.hasRemaining()) {
                    kept.put(buffer.get());
                }
            }
            if (kept.hasRemaining()) {
                subscription.request(1);
            } else {
                subscription.cancel();
                finish();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            finish();
        }

        @Override
        public void onComplete() {
            finish();
        }

        private void finish() {
            if (!text.isDone()) {
                text.complete(StandardCharsets.UTF_8
                        .decode(kept.duplicate().flip())
                        .toString()
                        .replace('\u0000', ' '));
            }
        }

        @Override
        public CompletionStage<String> getBody() {
            return text;
        }
    }
}
