package dev.bookwise.query.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the command side's event store (the shared tables of web-support's EventStoreTablesAutoConfiguration); keeps tracking tokens beside it. */
@Configuration(proxyBeanMethods = false)
class EventStoreConfig {

    /**
     * Axon's JDBC engine on the Flyway tables, declared here because the event store below is (Axon's
     * auto-configuration backs off both when either is declared). This side only reads; it fetches
     * in batches of {@code bookwise.event-fetch-size} so that replays make fewer round trips.
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            PersistenceExceptionResolver uniqueViolation,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            QueryProperties properties) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(uniqueViolation)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(properties.eventFetchSize())
                .build();
    }

    /**
     * The command side appends from another process, so nothing tells this one about new events: the
     * store is polled. Axon's default is once a second; every read-your-writes wait, Kafka publication
     * and webhook would inherit that second. One indexed query per interval is cheap.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            QueryProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(Math.max(1, properties.eventPollInterval().toMillis()))
                // The processors share one reader and its cache of recent events while they keep up. In a
                // catch-up that reader runs ahead of the slower processors, and every event between a slow
                // processor and the head stays in memory until the cleaner moves that processor to a stream
                // of its own: with Axon's default of every 10 s a million-event catch-up kept ~200,000
                // events and filled a 512 MiB heap. Checked every second, with a smaller cache, it stays small.
                .cachedEvents(5_000)
                .cleanupDelay(1_000)
                .build();
    }

    /**
     * A handler that fails must stop its processor at that event (which retries it with a back-off)
     * rather than skip it: a skipped event is a read row or a Kafka message lost for good.
     */
    @Bean
    ConfigurerModule failedEventsAreRetriedNotSkipped() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }
}
