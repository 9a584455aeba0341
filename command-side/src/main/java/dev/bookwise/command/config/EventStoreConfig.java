package dev.bookwise.command.config;

import dev.bookwise.command.directory.CommandDirectory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the command side adds to the shared event-store setup: its in-transaction event handlers. */
@Configuration(proxyBeanMethods = false)
class EventStoreConfig {

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
