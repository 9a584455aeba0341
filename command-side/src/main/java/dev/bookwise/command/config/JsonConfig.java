package dev.bookwise.command.config;

import dev.bookwise.json.StrictJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Request bodies are read strictly: no numbers for text, no numbers for instants (see {@link StrictJson}). */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }
}
