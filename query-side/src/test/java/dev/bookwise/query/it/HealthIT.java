package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bookwise.events.HostRegistered;
import dev.bookwise.testsupport.Api;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * While PostgreSQL refuses connections the query side is DOWN and not ready, and every request
 * that needs the database, the host-key lookup included, is a 503 problem with Retry-After, not a
 * 401, a 500 or a hang; afterwards it recovers by itself.
 */
@TestPropertySource(properties = {"spring.datasource.hikari.connection-timeout=1500", "bookwise.test.context=health"})
class HealthIT extends QuerySideIT {

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String user;

    @Value("${spring.datasource.password}")
    String password;

    @Test
    void requestsAre503WhilePostgresIsUnreachableAndTheAppRecovers() throws Exception {
        UUID host = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        long position = append(host, new HostRegistered(host, "Ada", "ada@example.com", "UTC", keyDigest(key)));
        String bookings = "/api/hosts/" + host + "/bookings?minPosition=" + position;
        assertThat(api.get(bookings, key).status()).isEqualTo(200);
        String database = url.substring(url.lastIndexOf('/') + 1);
        try {
            admin(
                    "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/actuator/health", null).status() == 503);
            assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(503);
            for (String path : new String[] {bookings, "/api/webhooks"}) {
                Api.Response read = api.get(path, key);
                assertThat(read.status()).as(path + " " + read).isEqualTo(503);
                assertThat(read.code()).isEqualTo("service-unavailable");
                assertThat(read.header("Retry-After")).isNotBlank();
            }
            Api.Response admin = api.get("/api/hosts/" + host + "/bookings", ADMIN);
            assertThat(admin.status()).as(admin.toString()).isEqualTo(503);
        } finally {
            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/actuator/health", null).status() == 200);
        assertThat(api.get(bookings, key).status()).isEqualTo(200);
    }

    private void admin(String... statements) throws SQLException {
        String postgres = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(postgres, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
