package dev.bookwise.query.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * SASL and TLS settings given as BOOKWISE_KAFKA_* variables reach every Kafka client of the query
 * side (the publisher's producer, the webhook fan-out's consumers, the admin client), through the
 * application's own configuration file; unset ones are not passed at all.
 */
class WebhookKafkaSecurityTest {

    private static final Map<String, Object> VARIABLES = Map.of(
            "BOOKWISE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "BOOKWISE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "BOOKWISE_KAFKA_SASL_JAAS_CONFIG",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bw\" password=\"pw\";",
            "BOOKWISE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/bookwise/kafka-truststore.p12",
            "BOOKWISE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-secret",
            "BOOKWISE_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
            "BOOKWISE_KAFKA_SSL_KEYSTORE_LOCATION", "/etc/bookwise/kafka-keystore.p12",
            "BOOKWISE_KAFKA_SSL_KEYSTORE_PASSWORD", "key-store-secret",
            "BOOKWISE_KAFKA_SSL_KEYSTORE_TYPE", "PKCS12",
            "BOOKWISE_KAFKA_SSL_KEY_PASSWORD", "key-secret");

    private static final Map<String, String> EXPECTED = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bw\" password=\"pw\";",
            "ssl.truststore.location", "/etc/bookwise/kafka-truststore.p12",
            "ssl.truststore.password", "trust-secret",
            "ssl.truststore.type", "PKCS12",
            "ssl.keystore.location", "/etc/bookwise/kafka-keystore.p12",
            "ssl.keystore.password", "key-store-secret",
            "ssl.keystore.type", "PKCS12",
            "ssl.key.password", "key-secret");

    @Test
    void saslAndTlsVariablesReachTheProducerTheConsumersAndTheAdminClient() {
        runner(VARIABLES).run(context -> {
            assertThat(context).hasNotFailed();
            for (Map<String, Object> config : clientConfigs(context)) {
                assertThat(config).containsAllEntriesOf(EXPECTED);
            }
        });
    }

    @Test
    void unsetVariablesLeaveKafkasDefaults() {
        runner(Map.of("BOOKWISE_KAFKA_SASL_MECHANISM", "  ")).run(context -> {
            assertThat(context).hasNotFailed();
            for (Map<String, Object> config : clientConfigs(context)) {
                assertThat(config).doesNotContainKeys(EXPECTED.keySet().toArray(String[]::new));
            }
        });
    }

    private static List<Map<String, Object>> clientConfigs(
            org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
        return List.of(
                context.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties(),
                context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties(),
                context.getBean(KafkaAdmin.class).getConfigurationProperties());
    }

    private static ApplicationContextRunner runner(Map<String, Object> variables) {
        return new ApplicationContextRunner()
                .withInitializer(context -> {
                    context.getEnvironment()
                            .getPropertySources()
                            .addFirst(new MapPropertySource("variables", variables));
                    context.getEnvironment().getPropertySources().addLast(applicationYaml());
                })
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, KafkaAutoConfiguration.class))
                .withUserConfiguration(KafkaClientSettings.class);
    }

    private static PropertySource<?> applicationYaml() {
        try {
            return new YamlPropertySourceLoader()
                    .load("application.yml", new ClassPathResource("application.yml"))
                    .get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
