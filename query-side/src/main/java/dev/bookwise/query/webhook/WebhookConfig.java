package dev.bookwise.query.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    static final String ATTEMPT_TASK = "webhook-attempt";

    @Bean
    TargetPolicy webhookTargetPolicy(WebhookProperties properties) {
        return new TargetPolicy(properties);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(
            WebhookDeliveries deliveries,
            WebhookSubscriptions subscriptions,
            TargetPolicy targets,
            WebhookProperties properties,
            MeterRegistry meters) {
        return new WebhookDispatcher(
                deliveries,
                subscriptions,
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

    @Bean
    WebhookFanOut webhookFanOut(
            WebhookSubscriptions subscriptions,
            WebhookDeliveries deliveries,
            Scheduler scheduler,
            CustomTask<Void> webhookAttemptTask,
            ObjectMapper json) {
        return new WebhookFanOut(subscriptions, deliveries, scheduler, webhookAttemptTask, json);
    }
}
