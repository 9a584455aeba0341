package dev.bookwise.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.query.config.WebhookProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The webhook limits as the application's configuration file binds them, by default and from BOOKWISE_* variables. */
class WebhookPropertiesTest {

    @Test
    void limitsHaveTheirDocumentedDefaults() throws IOException {
        WebhookProperties properties = bind(Map.of());
        assertThat(properties.maxSubscriptionsPerHost()).isEqualTo(25);
        assertThat(properties.maxAllHostSubscriptions()).isEqualTo(10);
        assertThat(properties.maxInFlightPerSubscription()).isEqualTo(8);
        assertThat(properties.maxInFlightPerTargetHost()).isEqualTo(12);
        assertThat(properties.idempotencyRetention()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void limitsAreSetByEnvironmentVariables() throws IOException {
        WebhookProperties properties = bind(Map.of(
                "BOOKWISE_WEBHOOK_MAX_SUBSCRIPTIONS_PER_HOST", "7",
                "BOOKWISE_WEBHOOK_MAX_ALL_HOST_SUBSCRIPTIONS", "2",
                "BOOKWISE_WEBHOOK_MAX_IN_FLIGHT_PER_TARGET_HOST", "3",
                "BOOKWISE_WEBHOOK_IDEMPOTENCY_RETENTION", "PT48H"));
        assertThat(properties.maxSubscriptionsPerHost()).isEqualTo(7);
        assertThat(properties.maxAllHostSubscriptions()).isEqualTo(2);
        assertThat(properties.maxInFlightPerTargetHost()).isEqualTo(3);
        assertThat(properties.idempotencyRetention()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void idempotencyKeysAreKeptAtLeastADay() {
        assertThatThrownBy(() -> bind(Map.of("BOOKWISE_WEBHOOK_IDEMPOTENCY_RETENTION", "PT23H")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    private static WebhookProperties bind(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        environment
                .getPropertySources()
                .addLast(new YamlPropertySourceLoader()
                        .load("application.yml", new ClassPathResource("application.yml"))
                        .get(0));
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bindOrCreate("bookwise.webhook", WebhookProperties.class);
    }
}
