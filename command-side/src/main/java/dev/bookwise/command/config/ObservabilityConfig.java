package dev.bookwise.command.config;

import dev.bookwise.observability.RequestIds;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.slf4j.MDC;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request id travels with the work: every command a request sends carries it in its metadata,
 * and every event a command causes copies it (Axon's correlation data), so the event store, the
 * query side, Kafka and the webhooks can all name the request that caused an event.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfig {

    /** Axon's default (correlation and trace ids); declaring any provider replaces it, so it is declared too. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider requestIdCorrelation() {
        return new SimpleCorrelationDataProvider(RequestIds.KEY);
    }

    @Bean
    SmartInitializingSingleton requestIdOnCommands(CommandBus commandBus) {
        MessageDispatchInterceptor<CommandMessage<?>> interceptor = messages -> (index, command) -> {
            String requestId = MDC.get(RequestIds.KEY);
            return requestId == null || command.getMetaData().containsKey(RequestIds.KEY) ? command
                    : command.andMetaData(java.util.Map.of(RequestIds.KEY, requestId));
        };
        return () -> commandBus.registerDispatchInterceptor(interceptor);
    }
}
