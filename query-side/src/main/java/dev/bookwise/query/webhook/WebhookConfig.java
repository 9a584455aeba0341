package dev.bookwise.query.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.bookwise.query.config.WebhookProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfig.class);

    static final String ATTEMPT_TASK = "webhook-attempt";

    @Bean
    TargetPolicy webhookTargetPolicy(WebhookProperties properties) {
        return new TargetPolicy(properties);
    }

    @Bean
    SubscriptionDirectory webhookSubscriptionDirectory(WebhookSubscriptionRepository subscriptions) {
        return new SubscriptionDirectory(subscriptions);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(
            WebhookDeliveryRepository deliveries,
            WebhookSubscriptionRepository subscriptions,
            SubscriptionDirectory directory,
            TargetPolicy targets,
            WebhookProperties properties,
            MeterRegistry meters) {
        return new WebhookDispatcher(
                deliveries,
                subscriptions,
                directory,
                targets,
                new WebhookSender(properties.connectTimeout(), properties.timeout()),
                properties,
                meters);
    }

    /**
     * One persistent task per message. If this code itself fails (the database is away, say), the
     * attempt is tried again with db-scheduler's own back-off; receivers' failures are handled by
     * the dispatcher and never reach it.
     */
    @Bean
    CustomTask<Void> webhookAttemptTask(WebhookDispatcher dispatcher) {
        return Tasks.custom(ATTEMPT_TASK, Void.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(5), 2.0))
                .execute((instance, context) -> dispatcher.attempt(instance.getId()));
    }

    /** Idempotency keys of subscriptions are released once older than the retention. */
    @Bean
    RecurringTask<Void> webhookIdempotencyExpiryTask(WebhookSubscriptionRepository subscriptions) {
        return Tasks.recurring("webhook-idempotency-expiry", FixedDelay.ofMinutes(30))
                .execute((instance, context) -> {
                    int released = subscriptions.releaseExpiredIdempotencyKeys(Instant.now());
                    if (released > 0) {
                        log.info("released {} expired idempotency keys of webhook subscriptions", released);
                    }
                });
    }

    @Bean
    WebhookFanOut webhookFanOut(
            SubscriptionDirectory directory,
            StoredEventRepository store,
            WebhookDeliveryRepository deliveries,
            Scheduler scheduler,
            CustomTask<Void> webhookAttemptTask,
            ObjectMapper json,
            PlatformTransactionManager transactions,
            MeterRegistry meters,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new WebhookFanOut(
                directory,
                store,
                deliveries,
                scheduler,
                webhookAttemptTask,
                json,
                new TransactionTemplate(transactions),
                meters,
                tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /**
     * A batch the fan-out could not write (the database is away, say) is tried again, 1 s doubling
     * to 30 s, for as long as it takes; its offsets are committed only after it succeeded. (Spring
     * Kafka's default gives up after ten immediate tries and skips the records: their webhooks
     * would be lost.)
     */
    @Bean
    CommonErrorHandler webhookFanOutErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }
}
