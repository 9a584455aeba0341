package dev.bookwise.command.config;

import dev.bookwise.web.request.RequestIds;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request id travels with the work: every command a request sends carries it in its metadata,
 * and every event a command causes copies it (Axon's correlation data), so the event store, the
 * query side, Kafka and the webhooks can all name the request that caused an event.
 * <p>
 * The trace context (W3C {@code traceparent}/{@code tracestate}) of the request travels the same
 * way, so the query side's Kafka publication continues the request's trace.
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
    CorrelationDataProvider traceContextCorrelation(ObjectProvider<Propagator> propagator) {
        return new SimpleCorrelationDataProvider(
                propagator.getIfAvailable(() -> Propagator.NOOP).fields().toArray(String[]::new));
    }

    @Bean
    SmartInitializingSingleton requestContextOnCommands(
            CommandBus commandBus, ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        Tracer tracer = tracers.getIfAvailable(() -> Tracer.NOOP);
        Propagator propagator = propagators.getIfAvailable(() -> Propagator.NOOP);
        MessageDispatchInterceptor<CommandMessage<?>> interceptor = messages -> (index, command) -> {
            Map<String, Object> context = new HashMap<>();
            String requestId = MDC.get(RequestIds.KEY);
            if (requestId != null && !command.getMetaData().containsKey(RequestIds.KEY)) {
                context.put(RequestIds.KEY, requestId);
            }
            Span span = tracer.currentSpan();
            if (span != null) {
                propagator.inject(span.context(), context, (carrier, key, value) -> {
                    if (carrier != null && !command.getMetaData().containsKey(key)) {
                        carrier.put(key, value);
                    }
                });
            }
            return context.isEmpty() ? command : command.andMetaData(context);
        };
        return () -> commandBus.registerDispatchInterceptor(interceptor);
    }
}
