package dev.bookwise.query.config;

import dev.bookwise.query.projection.ReadModel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projections' tracking processors as {@code axon.eventhandling.processors} declares them, with the one
 * setting YAML cannot say. A segment that reads only events it skips (another segment's, or of types its
 * projection does not handle: the team view skips every booking) keeps reading for Axon's event availability
 * timeout, 1 s by default, before it stores its position. Until then its token stays behind the events it has
 * already passed, and every read-your-writes wait and every live update ({@code Freshness}) waits for all
 * segments of all projections: about a second each. Axon's Spring Boot starter builds the configuration of a
 * processor declared in YAML itself, so the timeout is set where the module builds the processor.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorConfig {

    @Bean
    EventProcessingModule eventProcessingModule(QueryProperties properties) {
        return new ProjectionsStoreTokensSoon(properties.projectionTokenWait(), Set.copyOf(ReadModel.groups()));
    }

    static final class ProjectionsStoreTokensSoon extends EventProcessingModule {

        private final Duration tokenWait;
        private final Set<String> projections;

        ProjectionsStoreTokensSoon(Duration tokenWait, Set<String> projections) {
            this.tokenWait = tokenWait;
            this.projections = projections;
        }

        @Override
        protected EventProcessor trackingEventProcessor(
                String name,
                EventHandlerInvoker invoker,
                TrackingEventProcessorConfiguration configuration,
                StreamableMessageSource<TrackedEventMessage<?>> source) {
            return super.trackingEventProcessor(name, invoker, configure(name, configuration), source);
        }

        /** The configuration YAML made for processor {@code name}, with the wait if it is a projection's. */
        TrackingEventProcessorConfiguration configure(String name, TrackingEventProcessorConfiguration configuration) {
            if (projections.contains(name)) {
                configuration.andEventAvailabilityTimeout(Math.max(1, tokenWait.toMillis()), TimeUnit.MILLISECONDS);
            }
            return configuration;
        }
    }
}
