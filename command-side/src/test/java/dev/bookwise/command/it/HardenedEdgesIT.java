package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/** What a careless client or an attacker sends: odd path spellings, huge bodies, strange methods, far dates. */
@AutoConfigureObservability
class HardenedEdgesIT extends CommandSideIT {

    private static final String HOST_BODY = "{\"name\":\"Mallory\",\"email\":\"m@example.com\",\"timeZone\":\"UTC\"}";

    @Test
    void pathsSpelledAnotherWayAreRefusedBeforeAnyHandlerAndNeverAuthenticateAnyone() {
        int hostsBefore = jdbc.queryForObject("SELECT count(*) FROM host_credential", Integer.class);
        List<String> spellings = List.of(
                "/api;x/hosts",
                "/api/hosts;jsessionid=1",
                "/%61pi/hosts",
                "/api/%68osts",
                "/api/./hosts",
                "/api/x/../hosts",
                "//api/hosts",
                "/api//hosts",
                "/api/hosts%2F",
                "/api/hosts/.");
        for (String path : spellings) {
            Api.Response response = api.post(path, null, HOST_BODY);
            assertThat(response.status()).as(path + " " + response).isEqualTo(400);
            assertThat(response.code()).as(path).isEqualTo("invalid-request");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM host_credential", Integer.class))
                .isEqualTo(hostsBefore);
    }

    @Test
    void everyPathNeedsAKeyUnlessItIsNamedOpen() {
        assertThat(api.post("/api/hosts", null, HOST_BODY).status()).isEqualTo(401);
        assertThat(api.get("/api/no-such-thing", null).status()).isEqualTo(401);
        assertThat(api.get("/somewhere/else", null).status()).isEqualTo(401);
        assertThat(api.get("/api/docs/openapi.json", null).status()).isEqualTo(200);
    }

    @Test
    void operationsEndpointsShowTheStatusToAnyoneAndTheRestOnlyToTheAdmin() {
        Api.Response anonymous = api.get("/actuator/health", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).isFalse();
        assertThat(anonymous.body()).doesNotContain("diskSpace").doesNotContain("/");
        Api.Response admin = api.get("/actuator/health", ADMIN);
        assertThat(admin.json().path("components").path("db").path("status").asText())
                .isEqualTo("UP");

        Host host = register("UTC");
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", host.key()).status()).isEqualTo(403);
        assertThat(api.get("/actuator/metrics", host.key()).status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", ADMIN).status()).isEqualTo(200);
    }

    @Test
    void bodiesOverTheLimitAre413WhetherTheirLengthIsDeclaredOrNot() throws Exception {
        int hostsBefore = jdbc.queryForObject("SELECT count(*) FROM host_credential", Integer.class);
        String name = "a".repeat(70 * 1024);
        String big = "{\"name\":\"" + name + "\",\"email\":\"m@example.com\",\"timeZone\":\"UTC\"}";
        Api.Response declared = api.post("/api/hosts", ADMIN, big);
        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        assertThat(declared.code()).isEqualTo("payload-too-large");

        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/hosts"))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("payload-too-large");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM host_credential", Integer.class))
                .isEqualTo(hostsBefore);
    }

    @Test
    void anUnknownMethodIsRefusedAndAddsNoMetricSeries() {
        for (String method : List.of("ANYTHING", "BREW", "PROPFIND")) {
            Api.Response response = api.send(method, "/api/hosts", ADMIN, null);
            assertThat(response.status()).as(method).isEqualTo(405);
            assertThat(response.code()).isEqualTo("method-not-allowed");
        }
        String scrape = api.get("/actuator/prometheus", ADMIN).body();
        assertThat(scrape).doesNotContain("ANYTHING").doesNotContain("BREW").doesNotContain("PROPFIND");
    }

    @Test
    void instantsAndDatesOutsideTheSupportedRangeAre400() {
        Host host = openHost();
        for (String start : List.of("+100000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "-0001-01-01T00:00:00Z")) {
            Api.Response booking = api.post(
                    "/api/bookings",
                    host.key(),
                    "{\"hostId\":\"" + host.id() + "\",\"start\":\"" + start
                            + "\",\"attendee\":{\"name\":\"Bob\",\"email\":\"b@example.com\",\"timeZone\":\"UTC\"}}");
            assertThat(booking.status()).as(start + " " + booking).isEqualTo(400);
            assertThat(booking.code()).isEqualTo("invalid-request");
        }
        Api.Response local = api.post(
                "/api/bookings",
                host.key(),
                "{\"hostId\":\"" + host.id() + "\",\"localStart\":\"+20000-01-01T10:00\",\"timeZone\":\"UTC\","
                        + "\"attendee\":{\"name\":\"Bob\",\"email\":\"b@example.com\",\"timeZone\":\"UTC\"}}");
        assertThat(local.status()).as(local.toString()).isEqualTo(400);

        Api.Response farWindow = api.post(
                "/api/hosts/" + host.id() + "/availability-windows",
                host.key(),
                "{\"startTime\":\"+100000-01-01T10:00:00Z\",\"endTime\":\"+100000-01-01T13:00:00Z\",\"slotDuration\":30}");
        assertThat(farWindow.status()).as(farWindow.toString()).isEqualTo(400);

        Map<String, Object> schedule = everyDay("UTC", 30, 0, 0, 0, 60, "09:00", "17:00");
        schedule.put("dateOverrides", List.of(Map.of("date", "+10000-01-01", "hours", List.of())));
        Api.Response override = api.put("/api/hosts/" + host.id() + "/schedule", host.key(), Api.json(schedule));
        assertThat(override.status()).as(override.toString()).isEqualTo(400);
    }

    @Test
    void namesWithBidiControlsSeparatorsOrLoneSurrogatesAre400() {
        for (String name : List.of("Ada\\u202Egnp.exe", "Ada\\u2066x", "Ada\\u2028Lovelace", "Ada\\ud800")) {
            Api.Response response = api.post(
                    "/api/hosts",
                    ADMIN,
                    "{\"name\":\"" + name + "\",\"email\":\"a@example.com\",\"timeZone\":\"UTC\"}");
            assertThat(response.status()).as(name + " " + response).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid-request");
        }
        Api.Response emoji = api.post(
                "/api/hosts",
                ADMIN,
                "{\"name\":\"Ada \\ud83d\\ude00\",\"email\":\"a@example.com\",\"timeZone\":\"UTC\"}");
        assertThat(emoji.status()).as(emoji.toString()).isEqualTo(201);
    }

    @Test
    void aNewHostsKeyIsNotStoredInClearForTheIdempotentReplayYetTheReplayGivesItBack() {
        Api.Response first = api.post("/api/hosts", ADMIN, HOST_BODY, "Idempotency-Key", "register-sealed");
        assertThat(first.status()).isEqualTo(201);
        String key = first.text("apiKey");
        String stored = jdbc.queryForObject(
                "SELECT response_body FROM idempotency_record WHERE idempotency_key = 'register-sealed'", String.class);
        assertThat(stored).startsWith("enc:v1:").doesNotContain(key).doesNotContain("Mallory");
        Api.Response replay = api.post("/api/hosts", ADMIN, HOST_BODY, "Idempotency-Key", "register-sealed");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void theBookingPagesPreflightPassesTheFirewallAndNeedsNoKeyButOnlyForItsOriginAndItsCalls() {
        String page = "http://localhost:8081";
        String[] preflight = {
            "Origin", page,
            "Access-Control-Request-Method", "POST",
            "Access-Control-Request-Headers", "authorization,content-type,idempotency-key"
        };
        for (String path : List.of(
                "/api/bookings",
                "/api/bookings/6f1c1d36-2a52-4a35-9d0f-2f1f6f9c0a11/cancel",
                "/api/bookings/6f1c1d36-2a52-4a35-9d0f-2f1f6f9c0a11/reschedule")) {
            Api.Response allowed = api.send("OPTIONS", path, null, null, preflight);
            assertThat(allowed.status()).as(path + " " + allowed).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(page);
            assertThat(allowed.header("Access-Control-Allow-Methods")).contains("POST");
            assertThat(allowed.header("Access-Control-Allow-Headers").toLowerCase())
                    .contains("authorization")
                    .contains("idempotency-key")
                    .contains("content-type");
        }

        Api.Response stranger = api.send(
                "OPTIONS", "/api/bookings", null, null, "Origin", "https://evil.example", preflight[2], preflight[3]);
        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(403);
        assertThat(stranger.code()).isEqualTo("forbidden");
        assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();

        // everything else stays closed to other origins: no CORS answer, and the key check as ever
        Api.Response hosts = api.send("OPTIONS", "/api/hosts", null, null, preflight);
        assertThat(hosts.header("Access-Control-Allow-Origin")).isNull();
        assertThat(hosts.status()).isEqualTo(401);

        // the page's own request carries the headers the browser needs to hand it the answer
        Api.Response booking = api.post("/api/bookings", null, "{}", "Origin", page);
        assertThat(booking.status()).isEqualTo(400);
        assertThat(booking.header("Access-Control-Allow-Origin")).isEqualTo(page);
        assertThat(booking.header("Access-Control-Expose-Headers")).contains("X-Bookwise-Position");
    }
}
