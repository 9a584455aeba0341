package dev.bookwise.command.it;

import dev.bookwise.command.CommandSideApplication;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A whole command-side application on its own port, for tests that need several nodes or a restart. */
final class CommandSideInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private CommandSideInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static CommandSideInstance start(TestDatabase database, Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", 0);
        all.putAll(database.springProperties());
        all.put("bookwise.admin-key", CommandSideIT.ADMIN);
        all.put("bookwise.secret-key", "it-secret-key-0123456789abcdef0123456789");
        all.put("spring.jmx.enabled", false);
        all.putAll(properties);
        // as arguments: they must outrank application.yml, which plain default properties do not
        String[] arguments = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new CommandSideInstance(new SpringApplicationBuilder(CommandSideApplication.class).run(arguments));
    }

    Api api() {
        return new Api(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
