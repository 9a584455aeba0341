package dev.bookwise.query.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topic             where every booking event goes ({@code BOOKWISE_KAFKA_TOPIC})
 * @param partitions        partitions of the topic when the app creates it ({@code BOOKWISE_KAFKA_PARTITIONS})
 * @param replicationFactor its replication factor ({@code BOOKWISE_KAFKA_REPLICATION_FACTOR})
 * @param source            the CloudEvents {@code source} prefix; the host's id is appended
 * @param ackTimeout        how long a batch waits for Kafka's acknowledgements before it is retried ({@code BOOKWISE_KAFKA_ACK_TIMEOUT})
 */
@ConfigurationProperties("bookwise.kafka")
public record KafkaProperties(
        @DefaultValue("bookwise.booking-events") String topic,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("/bookwise/hosts/") String source,
        @DefaultValue("PT30S") Duration ackTimeout) {}
