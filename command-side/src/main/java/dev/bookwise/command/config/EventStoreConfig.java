package dev.bookwise.command.config;

import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.eventstore.EventStoreSchema;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon's JDBC event store on the Flyway-created tables of {@link EventStoreSchema}. */
@Configuration(proxyBeanMethods = false)
class EventStoreConfig {

    @Bean
    EventSchema eventSchema() {
        return EventStoreSchema.events();
    }

    @Bean
    TokenSchema tokenSchema() {
        return EventStoreSchema.tokens();
    }

    /**
     * Recognises a lost race on an aggregate's stream. Axon's JDBC default looks for
     * SQLIntegrityConstraintViolationException, which the PostgreSQL driver never throws; it reports
     * SQLState 23505 (unique_violation) instead, so the loser would surface as a 500, not a retry.
     */
    @Bean
    PersistenceExceptionResolver uniqueViolationResolver() {
        return new SQLStateResolver("23505");
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
