package dev.bookwise.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real, empty PostgreSQL database for one test context. In order: the server named by
 * {@code BOOKWISE_TEST_PG} (host:port), a Testcontainers PostgreSQL where Docker runs, the local
 * server on 127.0.0.1:5432, or an embedded PostgreSQL started in-process. Never a mock.
 */
public record TestDatabase(String url, String user, String password) {

    private static final String ADMIN_DATABASE = "postgres";
    private static volatile Server server;

    private record Server(String host, int port, String user, String password) {
        String jdbc(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** A new database on the shared server; each call gives another, so contexts never see each other's data. */
    public static TestDatabase fresh() {
        Server s = server();
        String name =
                "bookwise_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(s.jdbc(ADMIN_DATABASE), s.user(), s.password());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + s.jdbc(ADMIN_DATABASE), e);
        }
        return new TestDatabase(s.jdbc(name), s.user(), s.password());
    }

    /** The Spring Boot properties that point an application at this database. */
    public java.util.Map<String, String> springProperties() {
        // test contexts stay cached for the whole run, several per module: keep each one's connections few,
        // or together they exceed the server's max_connections
        return java.util.Map.of(
                "spring.datasource.url",
                url,
                "spring.datasource.username",
                user,
                "spring.datasource.password",
                password,
                "spring.datasource.hikari.maximum-pool-size",
                "10",
                "spring.datasource.hikari.minimum-idle",
                "1",
                "spring.datasource.hikari.idle-timeout",
                "10000");
    }

    private static synchronized Server server() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    private static Server start() {
        String configured = System.getenv("BOOKWISE_TEST_PG");
        if (configured != null && !configured.isBlank()) {
            String[] hostPort = configured.split(":");
            return new Server(
                    hostPort[0],
                    Integer.parseInt(hostPort[1]),
                    env("BOOKWISE_TEST_PG_USER", "postgres"),
                    env("BOOKWISE_TEST_PG_PASSWORD", ""));
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            return new Server(
                    container.getHost(),
                    container.getMappedPort(5432),
                    container.getUsername(),
                    container.getPassword());
        }
        if (listening("127.0.0.1", 5432)) {
            return new Server(
                    "127.0.0.1", 5432, env("BOOKWISE_TEST_PG_USER", "postgres"), env("BOOKWISE_TEST_PG_PASSWORD", ""));
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away either way
                }
            }));
            return new Server("127.0.0.1", embedded.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL reachable and the embedded one did not start", e);
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
