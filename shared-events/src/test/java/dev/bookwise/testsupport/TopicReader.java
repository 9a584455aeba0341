package dev.bookwise.testsupport;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning with a plain consumer and the CloudEvents library, as a subscriber would. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, CloudEvent> consumer;
    private final List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
    private final String topic;

    public TopicReader(String bootstrap, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false),
                new StringDeserializer(),
                new CloudEventDeserializer());
    }

    /** Polls until {@code done} holds for everything read so far, or the time is up; returns what was read. */
    public List<ConsumerRecord<String, CloudEvent>> readUntil(
            Predicate<List<ConsumerRecord<String, CloudEvent>>> done, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!done.test(records) && System.nanoTime() < deadline) {
            if (consumer.assignment().isEmpty()) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                if (partitions.isEmpty()) {
                    sleep();
                    continue;
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            consumer.poll(Duration.ofMillis(250)).forEach(records::add);
        }
        return List.copyOf(records);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
