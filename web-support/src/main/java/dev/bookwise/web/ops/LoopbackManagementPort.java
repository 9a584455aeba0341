package dev.bookwise.web.ops;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * A management port of its own serves the actuator without a key, so it listens on 127.0.0.1 only,
 * unless {@code management.server.address} is set explicitly. (Spring Boot refuses an address when the
 * actuator shares the API port, so it cannot simply be written into the configuration.)
 */
public class LoopbackManagementPort implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String port = environment.getProperty("management.server.port");
        if (StringUtils.hasText(port) && !environment.containsProperty("management.server.address")) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "bookwise-management-loopback", Map.of("management.server.address", "127.0.0.1")));
        }
    }
}
