package dev.bookwise.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LoopbackManagementPortTest {

    private final LoopbackManagementPort postProcessor = new LoopbackManagementPort();

    @Test
    void aManagementPortOfItsOwnListensOnLoopbackOnly() {
        MockEnvironment environment = new MockEnvironment().withProperty("management.server.port", "9464");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void anExplicitAddressIsKept() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("management.server.port", "9464")
                .withProperty("management.server.address", "0.0.0.0");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("management.server.address")).isEqualTo("0.0.0.0");
    }

    @Test
    void withoutAPortOfItsOwnNoAddressIsSet() {
        MockEnvironment environment = new MockEnvironment().withProperty("management.server.port", "");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.containsProperty("management.server.address")).isFalse();
    }
}
