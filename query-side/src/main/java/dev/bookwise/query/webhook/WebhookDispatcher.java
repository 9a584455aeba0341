package dev.bookwise.query.webhook;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import dev.bookwise.query.config.WebhookProperties;
import dev.bookwise.web.request.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Makes one attempt of one delivery; db-scheduler runs it (a persistent task per message, on a pool
 * of threads, across instances) and this answers whether and when to try again.
 * <p>
 * Every attempt is logged. A 2xx ends the delivery; otherwise attempt n (of this re-drive) is
 * followed by attempt n+1 after a wait of {@code firstRetry * 2^(n-1)}, at most {@code maxRetryDelay},
 * jittered down by up to half; after {@code maxAttempts} the delivery stays FAILED until an admin
 * re-drives it. At most {@code maxInFlightPerSubscription} attempts to one subscription, and at
 * most {@code maxInFlightPerTargetHost} to one target host and port (whichever subscriptions point
 * at it), run at once here, so a receiver that hangs holds only that many threads however many
 * subscriptions lead to it; its other messages wait their turn.
 */
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration BUSY_DEFERRAL = Duration.ofMillis(500);
    /** How long a message waits here for a busy lane that is making progress, instead of being deferred. */
    private static final Duration QUEUE_WAIT = Duration.ofMillis(250);
    /** A lane with an attempt finished within this is making progress. */
    private static final Duration PROGRESSING = Duration.ofSeconds(1);

    private final WebhookDeliveryRepository deliveries;
    private final WebhookSubscriptionRepository subscriptions;
    private final TargetPolicy targets;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final SubscriptionDirectory directory;
    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Lane> targetLanes = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Timer attemptDuration;
    private final Timer deliveredAfter;

    WebhookDispatcher(
            WebhookDeliveryRepository deliveries,
            WebhookSubscriptionRepository subscriptions,
            SubscriptionDirectory directory,
            TargetPolicy targets,
            WebhookSender sender,
            WebhookProperties properties,
            MeterRegistry meters) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.directory = directory;
        this.targets = targets;
        this.sender = sender;
        this.properties = properties;
        this.meters = meters;
        this.attemptDuration = Timer.builder("bookwise.webhook.attempt.duration")
                .description("Duration of one webhook HTTP attempt")
                .publishPercentileHistogram()
                .register(meters);
        this.deliveredAfter = Timer.builder("bookwise.webhook.delivered.lag")
                .description("From the event's commit to the receiver's 2xx")
                .publishPercentileHistogram()
                .register(meters);
    }

    CompletionHandler<Void> attempt(String webhookId) {
        // the subscription is the id's last part, its target in memory: a busy one's message waits without a
        // database read
        UUID subscriptionId = subscriptionOf(webhookId);
        Lane lane = lanes.computeIfAbsent(subscriptionId, id -> new Lane(properties.maxInFlightPerSubscription()));
        String target = targetOf(subscriptionId);
        Lane targetLane = target == null
                ? null
                : targetLanes.computeIfAbsent(target, t -> new Lane(properties.maxInFlightPerTargetHost()));
        if (!lane.tryEnter()) {
            return defer(lane);
        }
        if (targetLane != null && !targetLane.tryEnter()) {
            lane.abandon();
            return defer(targetLane);
        }
        try {
            return attemptInLane(webhookId);
        } finally {
            if (targetLane != null) {
                targetLane.leave();
            }
            lane.leave();
        }
    }

    private CompletionHandler<Void> defer(Lane lane) {
        Instant later = Instant.now().plus(lane.deferral(properties.timeout()));
        return (complete, operations) -> operations.reschedule(complete, later);
    }

    /** host:port of the subscription's URL; null for a subscription no longer live (its attempt ends it). */
    private String targetOf(UUID subscriptionId) {
        Optional<SubscriptionDirectory.Entry> entry = directory.find(subscriptionId);
        if (entry.isEmpty()) {
            directory.refresh(); // made since this instance last looked
            entry = directory.find(subscriptionId);
        }
        return entry.map(SubscriptionDirectory.Entry::target).orElse(null);
    }

    private CompletionHandler<Void> attemptInLane(String webhookId) {
        Optional<WebhookDeliveryRepository.Delivery> found = deliveries.find(webhookId);
        if (found.isEmpty()
                || found.get().status() == WebhookDeliveryRepository.Status.SUCCEEDED
                || found.get().status() == WebhookDeliveryRepository.Status.FAILED
                || found.get().status() == WebhookDeliveryRepository.Status.CANCELLED) {
            return (complete, operations) -> operations.remove();
        }
        WebhookDeliveryRepository.Delivery delivery = found.get();
        Optional<WebhookSubscriptionRepository.Stored> subscription = subscriptions.find(delivery.subscriptionId());
        if (subscription.isEmpty()) {
            deliveries.cancel(webhookId);
            return (complete, operations) -> operations.remove();
        }
        try (MDC.MDCCloseable ignored =
                delivery.requestId() == null ? null : MDC.putCloseable(RequestIds.KEY, delivery.requestId())) {
            return send(delivery, subscription.get());
        }
    }

    private static UUID subscriptionOf(String webhookId) {
        return UUID.fromString(webhookId.substring(webhookId.lastIndexOf('_') + 1));
    }

    /**
     * The attempts of one subscription, or to one target host, in this instance: at most a few at
     * once. A message that finds them all taken waits briefly for one if the receiver is answering
     * (an attempt finished within the last second): a fast receiver's backlog then flows at the rate
     * it answers, without a database round trip and a deferral per message. Otherwise (the receiver
     * hangs or is slow) the message is deferred by about as long as the lane has gone without
     * progress, so the backlog of a receiver that hangs is looked at again about once per attempt
     * timeout instead of twice a second, and does not crowd out other subscribers' messages.
     */
    private static final class Lane {
        private final Semaphore permits;
        private final int size;
        private volatile long lastProgress = System.nanoTime();

        Lane(int size) {
            this.size = size;
            this.permits = new Semaphore(size);
        }

        boolean tryEnter() {
            if (!permits.tryAcquire() && !(progressing() && awaitPermit())) {
                return false;
            }
            if (permits.availablePermits() == size - 1) {
                lastProgress = System.nanoTime(); // was idle: the wait starts now
            }
            return true;
        }

        private boolean progressing() {
            return System.nanoTime() - lastProgress < PROGRESSING.toNanos();
        }

        private boolean awaitPermit() {
            try {
                return permits.tryAcquire(QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void leave() {
            lastProgress = System.nanoTime();
            permits.release();
        }

        /** Gives the permit back unused (another lane was busy): no attempt, so no progress either. */
        void abandon() {
            permits.release();
        }

        Duration deferral(Duration attemptTimeout) {
            long stalled = Math.min(
                    Math.max(System.nanoTime() - lastProgress, BUSY_DEFERRAL.toNanos()), attemptTimeout.toNanos());
            return Duration.ofNanos(stalled)
                    .plusMillis(ThreadLocalRandom.current().nextLong(BUSY_DEFERRAL.toMillis()));
        }
    }

    private CompletionHandler<Void> send(
            WebhookDeliveryRepository.Delivery delivery, WebhookSubscriptionRepository.Stored subscription) {
        int attempt = delivery.attempts() + 1;
        URI url = URI.create(subscription.subscription().url());
        Instant attemptedAt = Instant.now();
        long started = System.nanoTime();
        // the attempt connects to an address checked now, not to a second resolution of the name
        TargetPolicy.Checked checked = targets.checkAtDelivery(url);
        WebhookSender.Outcome outcome;
        if (checked.refusal() != null) {
            outcome = new WebhookSender.Outcome(null, "refused: " + checked.refusal(), null);
        } else {
            long timestamp = attemptedAt.getEpochSecond();
            String signature =
                    WebhookSignature.sign(subscription.secret(), delivery.webhookId(), timestamp, delivery.payload());
            outcome = sender.post(checked.target(), delivery.webhookId(), timestamp, signature, delivery.payload());
        }
        long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        attemptDuration.record(Duration.ofMillis(durationMs));
        String error =
                outcome.error() != null ? outcome.error() : outcome.succeeded() ? null : "HTTP " + outcome.statusCode();

        if (outcome.succeeded()) {
            deliveries.recordAttempt(
                    delivery,
                    attempt,
                    WebhookDeliveryRepository.Status.SUCCEEDED,
                    outcome.statusCode(),
                    attemptedAt,
                    durationMs,
                    null,
                    outcome.responsePrefix(),
                    null);
            count("succeeded");
            deliveredAfter.record(Duration.between(delivery.occurredAt(), Instant.now()));
            return (complete, operations) -> operations.remove();
        }
        int madeSinceRedrive = attempt - delivery.redriveFrom();
        if (madeSinceRedrive >= properties.maxAttempts()) {
            deliveries.recordAttempt(
                    delivery,
                    attempt,
                    WebhookDeliveryRepository.Status.FAILED,
                    outcome.statusCode(),
                    attemptedAt,
                    durationMs,
                    error,
                    outcome.responsePrefix(),
                    null);
            count("failed");
            log.warn(
                    "webhook {} to subscription {} failed after {} attempts: {}",
                    delivery.webhookId(),
                    delivery.subscriptionId(),
                    madeSinceRedrive,
                    error);
            return (complete, operations) -> operations.remove();
        }
        Instant next = Instant.now().plus(backoff(madeSinceRedrive));
        deliveries.recordAttempt(
                delivery,
                attempt,
                WebhookDeliveryRepository.Status.RETRYING,
                outcome.statusCode(),
                attemptedAt,
                durationMs,
                error,
                outcome.responsePrefix(),
                next);
        count("retrying");
        log.info(
                "webhook {} attempt {} to subscription {} failed ({}); next attempt at {}",
                delivery.webhookId(),
                attempt,
                delivery.subscriptionId(),
                error,
                next);
        return (complete, operations) -> operations.reschedule(complete, next);
    }

    private Duration backoff(int failedAttempts) {
        return backoff(
                properties.firstRetry(),
                properties.maxRetryDelay(),
                failedAttempts,
                ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The wait after the n-th failed attempt: {@code first} doubled n-1 times, at most {@code max},
     * then shortened by up to half ({@code jitter} in [0, 1)) so that receivers are not hit in waves.
     */
    static Duration backoff(Duration first, Duration max, int failedAttempts, double jitter) {
        long ceiling = first.toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 30);
        ceiling = Math.min(Math.max(ceiling, 1), max.toMillis());
        return Duration.ofMillis(ceiling - (long) (ceiling / 2.0 * jitter));
    }

    private void count(String outcome) {
        Counter.builder("bookwise.webhook.attempts")
                .description("Webhook attempts by outcome")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
