package dev.bookwise.command.config;

import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.command.store.BufferedEventStorageEngine;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the command side adds to the shared event-store setup: the storage engine that lets a
 * command's events go out with the rest of its writes, and its in-transaction event handlers.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfig {

    /** Axon's JDBC engine as its auto-configuration would build it, appending through PendingWrites. */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            DataSource dataSource,
            PersistenceExceptionResolver uniqueViolation,
            TransactionManager transactionManager,
            EventSchema eventSchema) {
        return new BufferedEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(uniqueViolation)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                // the Spring transaction's connection: Axon's default wrapper would also roll that
                // connection back when a command is refused, undoing the write's locks and answer
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactionManager)
                .schema(eventSchema));
    }

    @Bean
    ConfigurerModule inTransactionHandlersPropagateErrors() {
        // the default logs and swallows handler errors, which would commit events whose lookups are missing
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor(CommandDirectory.GROUP)
                .registerListenerInvocationErrorHandler(
                        CommandDirectory.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
