package dev.bookwise.query.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.config.KafkaProperties;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class PublisherConfig {

    @Bean
    NewTopic bookingEventsTopic(KafkaProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }

    @Bean
    KafkaPublisher kafkaPublisher(
            KafkaTemplate<String, CloudEvent> kafka,
            KafkaAdmin admin,
            NewTopic bookingEventsTopic,
            PublishedBookingRepository bookings,
            ObjectMapper json,
            KafkaProperties properties,
            MeterRegistry meters,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new KafkaPublisher(
                kafka,
                admin,
                bookingEventsTopic,
                bookings,
                new BookingCloudEvents(json, properties.source()),
                properties.ackTimeout(),
                meters,
                tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
