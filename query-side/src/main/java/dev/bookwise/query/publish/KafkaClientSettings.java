package dev.bookwise.query.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Kafka client settings from {@code bookwise.kafka.client.*} (the {@code BOOKWISE_KAFKA_SECURITY_PROTOCOL},
 * {@code BOOKWISE_KAFKA_SASL_*} and {@code BOOKWISE_KAFKA_SSL_*} variables) for every Kafka client of
 * the query side: the publisher's producer, the webhook fan-out's consumers and the admin client.
 * They are added to Spring Boot's {@code spring.kafka.properties}, which all three are built from;
 * a blank value is left out, so Kafka's own default applies (Spring Boot's own
 * {@code spring.kafka.*} settings keep working).
 */
@Configuration(proxyBeanMethods = false)
class KafkaClientSettings {

    static final String PREFIX = "bookwise.kafka.client";

    @Bean
    static BeanPostProcessor kafkaClientSettingsForEveryClient(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof org.springframework.boot.autoconfigure.kafka.KafkaProperties kafka) {
                    kafka.getProperties().putAll(settings(environment));
                }
                return bean;
            }
        };
    }

    /** The non-blank settings, by Kafka's names ({@code security.protocol}, {@code sasl.jaas.config}, ...). */
    static Map<String, String> settings(Environment environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElseGet(Map::of)
                .forEach((name, value) -> {
                    if (value != null && !value.isBlank()) {
                        settings.put(name, value.strip());
                    }
                });
        return settings;
    }
}
