package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.query.projection.ReadModel;
import dev.bookwise.testsupport.Api;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Reads as a careless client or an attacker sends them: odd path spellings, bogus waits, far dates. */
@TestPropertySource(
        properties = {
            "bookwise.test.context=query-edges",
            "bookwise.rate-limit.per-ip=20",
            "bookwise.rate-limit.per-ip-burst=200"
        })
class QueryEdgesIT extends QuerySideIT {

    @Autowired
    EventProcessingConfiguration processing;

    private UUID host(String key) {
        UUID id = UUID.randomUUID();
        append(id, new HostRegistered(id, "Ada", "ada@example.com", "UTC", keyDigest(key)));
        // the key is known once the host's row is projected: requests without minPosition must not race it
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() ->
                        jdbc.queryForObject("SELECT count(*) FROM host_view WHERE host_id = ?", Long.class, id) == 1);
        return id;
    }

    @Test
    void pathsSpelledAnotherWayAreRefusedBeforeAnyHandler() {
        UUID host = UUID.randomUUID();
        for (String path : List.of(
                "/api;x/hosts/" + host + "/bookings",
                "/%61pi/hosts/" + host + "/bookings",
                "/api/hosts/" + host + "/bookings;x",
                "/api/./hosts/" + host + "/bookings",
                "//api/webhooks",
                "/%61pi/webhooks")) {
            Api.Response get = api.get(path, null);
            assertThat(get.status()).as(path + " " + get).isEqualTo(400);
            Api.Response post = api.post(path, null, "{\"url\":\"https://example.com/hook\"}");
            assertThat(post.status()).as(path + " " + post).isEqualTo(400);
        }
        assertThat(api.get("/api/hosts/" + host + "/bookings", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
    }

    @Test
    void aFloodOfUnknownKeysWithImpossiblePositionsNeitherWaitsNorStarvesARealRead() throws Exception {
        String key = "bwk_" + UUID.randomUUID();
        UUID host = host(key);
        long position = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        // a client that has used its key before: the process knows the key, so no lookup is charged to the address
        assertThat(api.get("/api/hosts/" + host + "/bookings?minPosition=" + position, key)
                        .status())
                .isEqualTo(200);
        List<CompletableFuture<Api.Response>> flood = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            flood.add(api.sendAsync(
                    "GET", "/api/hosts/" + host + "/bookings?minPosition=999999999999999999", "bwk_bogus-" + i, null));
        }
        Api.Response real = api.get("/api/hosts/" + host + "/bookings?minPosition=" + position, key);
        Duration realTook = Duration.ofNanos(System.nanoTime() - started);
        List<Integer> statuses =
                flood.stream().map(f -> f.join().status()).distinct().sorted().toList();
        Duration floodTook = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
                "[edges] 300 bogus waits answered %s in %d ms; a real read meanwhile in %d ms%n",
                statuses, floodTook.toMillis(), realTook.toMillis());
        assertThat(real.status()).as(real.toString()).isEqualTo(200);
        assertThat(statuses).isSubsetOf(401, 429);
        // before, each bogus request held a Tomcat thread for the 5 s wait, polling the database every 10 ms
        assertThat(floodTook).isLessThan(Duration.ofSeconds(4));
        assertThat(realTook).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aPositionNotYetProjectedIsWaitedForAndMarkedStaleWhenTheWaitRunsOut() {
        String key = "bwk_" + UUID.randomUUID();
        UUID host = host(key);
        long registered = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        assertThat(api.get("/api/hosts/" + host + "/bookings?minPosition=" + registered, key)
                        .status())
                .isEqualTo(200);
        EventProcessor bookings =
                processing.eventProcessor(ReadModel.BOOKINGS_GROUP).orElseThrow();
        bookings.shutDown();
        try {
            UUID booking = UUID.randomUUID();
            Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
            long position = append(
                    host,
                    new BookingReserved(
                            booking,
                            host,
                            start,
                            start.plus(30, ChronoUnit.MINUTES),
                            0,
                            0,
                            new Attendee("Bob", "bob@example.com", "UTC"),
                            start.minus(1, ChronoUnit.HOURS),
                            "expiry-" + booking));
            Api.Response anonymous = api.get(
                    "/api/availability?hostId=" + host + "&date=" + LocalDate.now() + "&minPosition=" + position, null);
            assertThat(anonymous.header("X-Bookwise-Stale")).isEqualTo("true");
            Api.Response waited = api.get("/api/bookings/" + booking + "?minPosition=" + position, key);
            assertThat(waited.header("X-Bookwise-Stale")).isEqualTo("true");
        } finally {
            bookings.start();
        }
    }

    @Test
    void datesAndInstantsOutsideTheSupportedRangeAre400() {
        String key = "bwk_" + UUID.randomUUID();
        UUID host = host(key);
        for (String query :
                List.of("date=+100000-01-01", "date=1969-12-31", "from=" + LocalDate.now() + "&to=+99999-01-01")) {
            Api.Response response = api.get("/api/availability?hostId=" + host + "&" + query, null);
            assertThat(response.status()).as(query + " " + response).isEqualTo(400);
        }
        for (String query : List.of("from=+100000-01-01T00:00:00Z", "to=1900-01-01T00:00:00Z")) {
            Api.Response response = api.get("/api/hosts/" + host + "/bookings?" + query, key);
            assertThat(response.status()).as(query + " " + response).isEqualTo(400);
        }
        String farCursor = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("+100000-01-01T00:00:00Z|" + UUID.randomUUID()).getBytes());
        assertThat(api.get("/api/hosts/" + host + "/bookings?cursor=" + farCursor, key)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/hosts/" + host + "/history?asOf=+100000-01-01T00:00:00Z", key)
                        .status())
                .isEqualTo(400);
    }
}
