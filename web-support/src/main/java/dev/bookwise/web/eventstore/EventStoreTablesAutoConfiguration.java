package dev.bookwise.web.eventstore;

import dev.bookwise.eventstore.EventStoreSchema;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Both applications read and write Axon's JDBC event store on the Flyway-created tables of {@link EventStoreSchema}. */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration")
public class EventStoreTablesAutoConfiguration {

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
}
