package dev.bookwise.query.observability;

import dev.bookwise.observability.RequestIds;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ObservabilityConfig {

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
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultHandlerInterceptor((configuration, name) -> interceptor));
    }
}
