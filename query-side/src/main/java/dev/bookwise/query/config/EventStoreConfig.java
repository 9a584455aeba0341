package dev.bookwise.query.config;

import dev.bookwise.eventstore.EventStoreSchema;
import dev.bookwise.query.ProjectionGroups;
import org.axonframework.config.ConfigurerModule;
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

    /**
     * A pooled processor's segment that handles none of the recent events stores its progress only
     * when its claim is extended (every 5 s by default); read-your-writes waits for every segment,
     * so progress is stored at most this long after it is made.
     */
    static final long PROGRESS_STORE_INTERVAL_MS = 100;

    @Bean
    ConfigurerModule projectionProgressIsStoredPromptly() {
        return configurer -> configurer.eventProcessing(processing -> ProjectionGroups.ALL.forEach(name ->
                processing.registerPooledStreamingEventProcessorConfiguration(name,
                        (configuration, builder) -> builder.claimExtensionThreshold(PROGRESS_STORE_INTERVAL_MS))));
    }
}
