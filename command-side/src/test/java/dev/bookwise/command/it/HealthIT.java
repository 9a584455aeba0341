package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bookwise.testsupport.Api;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/** Health reflects PostgreSQL: DOWN (503) while the database refuses connections, UP again after, without a restart. */
@TestPropertySource(properties = {"spring.datasource.hikari.connection-timeout=1500", "bookwise.test.context=health"})
class HealthIT extends CommandSideIT {

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String user;

    @Value("${spring.datasource.password}")
    String password;

    @Test
    void healthGoesDownWhilePostgresIsUnreachableAndRecovers() throws Exception {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        Host host = openHost();
        String database = url.substring(url.lastIndexOf('/') + 1);
        try {
            admin(
                    "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/actuator/health", null).status() == 503);
            Api.Response health = api.get("/actuator/health", ADMIN);
            assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(health.json()
                            .path("components")
                            .path("db")
                            .path("status")
                            .asText())
                    .isEqualTo("DOWN");
            assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(503);
            // a write meanwhile is a problem, answered within the connection timeout, not a hang or a stack trace
            Api.Response write = api.post(
                    "/api/hosts", ADMIN, "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"timeZone\":\"UTC\"}");
            assertThat(write.status()).as(write.toString()).isEqualTo(503);
            assertThat(write.code()).isEqualTo("service-unavailable");
            // a host's booking meanwhile: the same
            Api.Response booking = api.post(
                    "/api/bookings",
                    host.key(),
                    Api.json(java.util.Map.of(
                            "hostId",
                            host.id(),
                            "start",
                            java.time.Instant.now()
                                    .plus(Duration.ofDays(2))
                                    .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                                    .toString(),
                            "attendee",
                            java.util.Map.of("name", "Bob", "email", "bob@example.com"))));
            assertThat(booking.status()).as(booking.toString()).isEqualTo(503);
            assertThat(booking.code()).isEqualTo("service-unavailable");
            assertThat(booking.header("Retry-After")).isNotBlank();
        } finally {
            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/actuator/health", null).status() == 200);
        assertThat(api.post("/api/hosts", ADMIN, "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"timeZone\":\"UTC\"}")
                        .status())
                .isEqualTo(201);
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
