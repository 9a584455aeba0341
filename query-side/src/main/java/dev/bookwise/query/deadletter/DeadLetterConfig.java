package dev.bookwise.query.deadletter;

import dev.bookwise.query.config.DeadLetterProperties;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A JDBC dead-letter queue in PostgreSQL for every processing group whose
 * {@code axon.eventhandling.processors.<group>.dlq.enabled} is set (application.yml): the projections
 * and the Kafka publisher. Axon's Spring Boot support builds the queues through the provider below
 * (its own would use Axon's default table names and bounds) and sequences them by aggregate, which
 * is the host: one host's failed event holds back that host's later events in the group, no one else's.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfig {

    /** The groups with a dead-letter queue, in the order application.yml lists them. */
    record Groups(List<String> names) {

        boolean contains(String group) {
            return names.contains(group);
        }
    }

    @Bean
    Groups deadLetterGroups(EventProcessorProperties processors) {
        return new Groups(processors.getProcessors().entrySet().stream()
                .filter(processor -> processor.getValue().getDlq().isEnabled())
                .map(Map.Entry::getKey)
                .toList());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterTable.schema();
    }

    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties processors,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            DeadLetterSchema schema,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer genericSerializer,
            DeadLetterProperties bounds) {
        return new DeadLetterQueueProviderConfigurerModule(
                processors,
                group -> configuration -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(schema)
                        .genericSerializer(genericSerializer)
                        .eventSerializer(eventSerializer)
                        .maxSequences(bounds.maxSequences())
                        .maxSequenceSize(bounds.maxSequenceSize())
                        .build());
    }

    @Bean
    ConfigurerModule deadLetterPolicies(Groups groups) {
        DeadLetterPolicy policy = new DeadLetterPolicy();
        return configurer -> configurer.eventProcessing(
                processing -> groups.names().forEach(group -> processing.registerDeadLetterPolicy(group, c -> policy)));
    }

    /** Projections with a dead-letter queue run a failed batch again one event at a time (see the class). */
    @Bean
    EventIsolation eventIsolation(Groups groups, ProjectionWrites writes, PlatformTransactionManager transactions) {
        Set<String> projections = new HashSet<>(ReadModel.groups());
        projections.retainAll(groups.names());
        return new EventIsolation(projections, writes, transactions);
    }
}
