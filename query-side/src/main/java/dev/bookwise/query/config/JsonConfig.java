package dev.bookwise.query.config;

import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Availability answers hold hundreds of records: Blackbird replaces reflective property access with generated lambdas. */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

    @Bean
    BlackbirdModule blackbirdModule() {
        return new BlackbirdModule();
    }
}
