package dev.bookwise.query.observability;

import dev.bookwise.web.request.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ObservabilityConfig {

    /** Axon's metrics for this side's components, its processors without the capacity monitor (see the class). */
    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry meters) {
        return new ProcessorMetricRegistry(meters);
    }

    /**
     * While a processor handles an event, the id of the request that caused it is in the logging
     * context, so projection, publication and fan-out log lines name the request.
     */
    @Bean
    ConfigurerModule requestIdWhileHandlingEvents() {
        MessageHandlerInterceptor<EventMessage<?>> interceptor = (unitOfWork, chain) -> {
            Object requestId = unitOfWork.getMessage().getMetaData().get(RequestIds.KEY);
            if (requestId == null) {
                return chain.proceed();
            }
            String previous = MDC.get(RequestIds.KEY);
            MDC.put(RequestIds.KEY, requestId.toString());
            try {
                return chain.proceed();
            } finally {
                if (previous == null) {
                    MDC.remove(RequestIds.KEY);
                } else {
                    MDC.put(RequestIds.KEY, previous);
                }
            }
        };
        return configurer -> configurer.eventProcessing(
                processing -> processing.registerDefaultHandlerInterceptor((configuration, name) -> interceptor));
    }
}
