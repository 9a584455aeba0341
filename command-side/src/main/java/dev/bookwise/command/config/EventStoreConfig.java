package dev.bookwise.command.config;

import dev.bookwise.eventstore.EventStoreSchema;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon's JDBC event store on the Flyway-created tables of {@link EventStoreSchema}. */
@Configuration(proxyBeanMethods = false)
class EventStoreConfig {

    /** Event handlers that must commit or fail together with the command that caused the event. */
    public static final String IN_TRANSACTION_GROUP = "command-directory";

    @Bean
    EventSchema eventSchema() {
        return EventStoreSchema.events();
    }

    @Bean
    TokenSchema tokenSchema() {
        return EventStoreSchema.tokens();
    }

    @Bean
    ConfigurerModule inTransactionHandlersPropagateErrors() {
        // the default logs and swallows handler errors, which would commit events whose lookups are missing
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(IN_TRANSACTION_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
