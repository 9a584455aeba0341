package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** Request ids in answers, structured logs and Axon metadata; booking metrics in the Prometheus scrape. */
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability
@TestPropertySource(
        properties = {
            "logging.structured.format.console=ecs",
            "logging.level.dev.bookwise.command.execution.CommandExecutor=DEBUG"
        })
class ObservabilityIT extends CommandSideIT {

    @Test
    void aRequestIdIsEchoedLoggedAndCarriedIntoTheEventsItCauses(CapturedOutput output) {
        Api.Response created = api.post(
                "/api/hosts",
                ADMIN,
                Api.json(Map.of("name", "Ada", "email", "ada@example.com", "timeZone", "UTC")),
                "X-Request-Id",
                "req-7f3a.42");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("X-Request-Id")).isEqualTo("req-7f3a.42");
        // a JSON (ECS) log line of this request names it
        assertThat(output.getOut()
                        .lines()
                        .filter(line -> line.startsWith("{") && line.contains("\"requestId\":\"req-7f3a.42\"")))
                .as("structured log lines with the request id")
                .isNotEmpty();
        // the event the request caused carries it in its metadata
        byte[] metadata = jdbc.queryForObject(
                "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?",
                byte[].class,
                created.text("hostId"));
        assertThat(new String(metadata, StandardCharsets.UTF_8)).contains("\"requestId\":\"req-7f3a.42\"");

        // an id that is not a sane token is replaced, never echoed
        Api.Response odd = api.post("/api/hosts", null, "{}", "X-Request-Id", "<script>");
        assertThat(odd.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(api.get("/actuator/health", null).header("X-Request-Id")).isNotBlank();
        // keys never reach the logs
        assertThat(output.getOut()).doesNotContain(created.text("apiKey")).doesNotContain(ADMIN);
    }

    @Test
    void theTraceContextOfARequestIsCarriedIntoTheEventsItCauses() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.Response created = api.post(
                "/api/hosts",
                ADMIN,
                Api.json(Map.of("name", "Tracy", "email", "tracy@example.com", "timeZone", "UTC")),
                "traceparent",
                "00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(created.status()).isEqualTo(201);
        String metadata = new String(
                jdbc.queryForObject(
                        "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?",
                        byte[].class,
                        created.text("hostId")),
                StandardCharsets.UTF_8);
        // same trace, a span of this service (the request's server span), sampled as the caller asked
        assertThat(metadata)
                .containsPattern("\"traceparent\":\"00-" + traceId + "-(?!00f067aa0ba902b7)[0-9a-f]{16}-01\"");
    }

    @Test
    void bookingOutcomesAndReplaysAreCounted() {
        Host host = openHost();
        Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(2).atTime(10, 0).toInstant(ZoneOffset.UTC);
        String body = Api.json(Map.of(
                "hostId",
                host.id(),
                "start",
                start.toString(),
                "attendee",
                Map.of("name", "Bob", "email", "bob@example.com")));
        double reserved = counter("bookwise_bookings_total", "outcome=\"reserved\"");
        double conflicts = counter("bookwise_bookings_total", "outcome=\"slot-unavailable\"");
        double invalid = counter("bookwise_bookings_total", "outcome=\"invalid-request\"");
        double replays = counter("bookwise_idempotent_replays_total", "operation=\"POST /api/bookings\"");

        assertThat(api.post("/api/bookings", host.key(), body, "Idempotency-Key", "obs-1")
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/bookings", host.key(), body, "Idempotency-Key", "obs-1")
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/bookings", host.key(), body).status()).isEqualTo(409);
        assertThat(api.post("/api/bookings", host.key(), "{\"hostId\": 5").status())
                .isEqualTo(400);

        assertThat(counter("bookwise_bookings_total", "outcome=\"reserved\"")).isEqualTo(reserved + 1);
        assertThat(counter("bookwise_bookings_total", "outcome=\"slot-unavailable\""))
                .isEqualTo(conflicts + 1);
        assertThat(counter("bookwise_bookings_total", "outcome=\"invalid-request\""))
                .isEqualTo(invalid + 1);
        assertThat(counter("bookwise_idempotent_replays_total", "operation=\"POST /api/bookings\""))
                .isEqualTo(replays + 1);
        String scrape = api.get("/actuator/prometheus", ADMIN).body();
        assertThat(scrape)
                .contains("http_server_requests_seconds_bucket{")
                .contains("hikaricp_connections")
                .contains("jvm_memory_used_bytes")
                // Axon's own (axon-micrometer, dimensional)
                .contains("commandBus_successCounter_total{payloadType=\"ReserveBookingCommand\"}");
    }

    /** The value of a counter series in the Prometheus text whose labels contain {@code label}; 0 when absent. */
    private double counter(String name, String label) {
        String scrape = api.get("/actuator/prometheus", ADMIN).body();
        Matcher m = Pattern.compile("^" + name + "\\{([^}]*)} ([0-9.Ee+-]+)$", Pattern.MULTILINE)
                .matcher(scrape);
        double sum = 0;
        while (m.find()) {
            if (Arrays.asList(m.group(1).split(",")).contains(label)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
