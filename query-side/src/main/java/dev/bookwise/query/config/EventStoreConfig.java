package dev.bookwise.query.config;

import dev.bookwise.eventstore.EventStoreSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the command side's event store (same Flyway-created tables); keeps tracking tokens beside it. */
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
}
