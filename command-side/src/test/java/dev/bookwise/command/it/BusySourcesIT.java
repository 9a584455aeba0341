package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.Radicale;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

/**
 * Busy sources over HTTP against real servers: an ICS feed served by a local HTTP server (which can
 * start failing) and a CalDAV collection in a real Radicale. A source's busy times refuse bookings
 * (409) until a sync finds them gone; a failing source keeps them and reports its error.
 */
@TestPropertySource(properties = {"bookwise.busy.allow-loopback=true", "bookwise.busy.timeout=PT3S"})
class BusySourcesIT extends CommandSideIT {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private HttpServer feed;
    private final AtomicReference<String> body = new AtomicReference<>("");
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicLong delayMillis = new AtomicLong();

    @BeforeEach
    void feed() throws IOException {
        feed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feed.createContext("/ada.ics", exchange -> {
            try {
                Thread.sleep(delayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/calendar");
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        feed.start();
    }

    @AfterEach
    void stop() {
        feed.stop(0);
    }

    private String feedUrl() {
        return "http://127.0.0.1:" + feed.getAddress().getPort() + "/ada.ics";
    }

    private static String event(String uid, String... lines) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20250101T000000Z\r\n" + String.join("\r\n", lines)
                + "\r\nEND:VEVENT\r\n";
    }

    private static String calendar(String... events) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + String.join("", events)
                + "END:VCALENDAR\r\n";
    }

    private static String timed(String uid, Instant start, Instant end, String... more) {
        String[] lines = new String[2 + more.length];
        lines[0] = "DTSTART:" + UTC.format(start);
        lines[1] = "DTEND:" + UTC.format(end);
        System.arraycopy(more, 0, lines, 2, more.length);
        return event(uid, lines);
    }

    private Api.Response connect(Host host, Map<String, Object> source) {
        return api.post("/api/hosts/" + host.id() + "/busy-sources", host.key(), Api.json(source));
    }

    private Api.Response sync(Host host, String sourceId) {
        return api.post("/api/hosts/" + host.id() + "/busy-sources/" + sourceId + "/sync", host.key(), null);
    }

    private long synced(Host host) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE '%ExternalBusyTimesSynced'",
                Long.class, host.id());
    }

    @Test
    void aFeedsBusyTimesRefuseBookingsUntilASyncFindsThemGoneAndAFailingFeedKeepsThem() {
        Host host = openHost();
        Instant tomorrow = slot(0);
        body.set(calendar(
                timed("dentist", slot(20), slot(22)),
                timed("free", slot(26), slot(27), "TRANSP:TRANSPARENT"),
                timed("called-off", slot(28), slot(29), "STATUS:CANCELLED"),
                event(
                        "weekly",
                        "DTSTART:" + UTC.format(slot(30)),
                        "DTEND:" + UTC.format(slot(31)),
                        "RRULE:FREQ=WEEKLY;COUNT=3"),
                event(
                        "holiday",
                        "DTSTART;VALUE=DATE:" + DATE.format(tomorrow.plus(2, ChronoUnit.DAYS)),
                        "DTEND;VALUE=DATE:" + DATE.format(tomorrow.plus(3, ChronoUnit.DAYS)))));

        Api.Response connected = connect(host, Map.of("type", "ics", "url", feedUrl()));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
        String sourceId = connected.text("id");
        assertThat(connected.json().path("lastSyncedAt").isNull()).isFalse();
        assertThat(connected.json().path("lastError").isNull()).isTrue();
        assertThat(connected.json().path("busyCount").asInt()).isEqualTo(5);
        assertThat(synced(host)).isEqualTo(1);

        assertThat(reserve(host, slot(20)).code()).isEqualTo("slot-unavailable");
        assertThat(reserve(host, slot(21)).code()).isEqualTo("slot-unavailable");
        assertThat(reserve(host, slot(30)).code()).isEqualTo("slot-unavailable");
        assertThat(reserve(host, slot(30).plus(7, ChronoUnit.DAYS)).code()).isEqualTo("slot-unavailable");
        assertThat(reserve(host, slot(96 + 10)).code()).as("the all-day event").isEqualTo("slot-unavailable");
        assertThat(reserve(host, slot(22)).status()).isEqualTo(201);
        assertThat(reserve(host, slot(26)).status()).as("transparent").isEqualTo(201);
        assertThat(reserve(host, slot(28)).status()).as("cancelled").isEqualTo(201);

        // the same busy times again: nothing appended
        Api.Response again = sync(host, sourceId);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(synced(host)).isEqualTo(1);

        // the dentist moves: the old time reopens, the new one is taken
        body.set(calendar(timed("dentist", slot(34), slot(35))));
        Api.Response moved = sync(host, sourceId);
        assertThat(moved.json().path("busyCount").asInt()).isEqualTo(1);
        assertThat(synced(host)).isEqualTo(2);
        assertThat(reserve(host, slot(20)).status()).isEqualTo(201);
        assertThat(reserve(host, slot(34)).code()).isEqualTo("slot-unavailable");

        // a feed that fails keeps what it last said, and says why
        for (Runnable failure : List.<Runnable>of(
                () -> status.set(500),
                () -> {
                    status.set(200);
                    body.set("<html>not a calendar</html>");
                },
                () -> {
                    body.set(calendar());
                    delayMillis.set(5_000);
                })) {
            failure.run();
            Api.Response failed = sync(host, sourceId);
            assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
            assertThat(failed.text("lastError")).as(failed.toString()).isNotBlank();
            assertThat(failed.json().path("busyCount").asInt()).isEqualTo(1);
            assertThat(reserve(host, slot(34)).code()).isEqualTo("slot-unavailable");
        }
        delayMillis.set(0);
        Api.Response listed = api.get("/api/hosts/" + host.id() + "/busy-sources", host.key());
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.json().get(0).path("lastError").asText()).isNotBlank();

        // removed: its busy times go with it
        Api.Response removed =
                api.send("DELETE", "/api/hosts/" + host.id() + "/busy-sources/" + sourceId, host.key(), null);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(reserve(host, slot(34)).status()).isEqualTo(201);
        assertThat(api.get("/api/hosts/" + host.id() + "/busy-sources", host.key())
                        .json())
                .isEmpty();
        assertThat(sync(host, sourceId).code()).isEqualTo("not-found");
    }

    @Test
    void badSourcesAndStrangersAreRefused() {
        Host host = openHost();
        Host other = openHost();
        assertThat(connect(host, Map.of("type", "exchange", "url", feedUrl())).code())
                .isEqualTo("invalid-request");
        assertThat(connect(host, Map.of("type", "ics", "url", "ftp://calendar.example.com/a.ics"))
                        .code())
                .isEqualTo("invalid-source-url");
        assertThat(connect(host, Map.of("type", "ics", "url", "https://ada:secret@calendar.example.com/a.ics"))
                        .code())
                .isEqualTo("invalid-source-url");
        assertThat(connect(host, Map.of("type", "ics", "url", "not a url")).code())
                .isEqualTo("invalid-source-url");
        assertThat(connect(host, Map.of("type", "ics", "url", feedUrl(), "password", "x"))
                        .code())
                .isEqualTo("invalid-request");
        assertThat(api.post(
                                "/api/hosts/" + host.id() + "/busy-sources",
                                other.key(),
                                Api.json(Map.of("type", "ics", "url", feedUrl())))
                        .code())
                .isEqualTo("forbidden");
        assertThat(sync(host, UUID.randomUUID().toString()).code()).isEqualTo("not-found");
    }

    @Test
    void aCalDavCollectionInRadicaleIsReadWithItsCredentialsWhichAreNeverShownOrStoredInTheClear(
            @TempDir Path directory) throws Exception {
        try (Radicale radicale = Radicale.start(directory, "ada", "correct horse")) {
            java.net.URI collection = radicale.calendar("/ada/work/");
            radicale.put(collection, "single", "", "DTSTART:" + UTC.format(slot(20)), "DTEND:" + UTC.format(slot(22)));
            radicale.put(
                    collection,
                    "weekly",
                    "",
                    "DTSTART:" + UTC.format(slot(30)),
                    "DTEND:" + UTC.format(slot(31)),
                    "RRULE:FREQ=WEEKLY;COUNT=2");
            radicale.put(
                    collection,
                    "free",
                    "",
                    "DTSTART:" + UTC.format(slot(26)),
                    "DTEND:" + UTC.format(slot(27)),
                    "TRANSP:TRANSPARENT");
            Host host = openHost();
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("type", "caldav");
            source.put("url", collection.toString());
            source.put("username", "ada");
            source.put("password", "correct horse");
            Api.Response connected = connect(host, source);
            assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
            assertThat(connected.body()).doesNotContain("correct horse");
            assertThat(connected.json().path("busyCount").asInt()).isEqualTo(3);
            assertThat(jdbc.queryForObject(
                            "SELECT sealed_password FROM busy_source WHERE source_id = ?::uuid",
                            String.class,
                            connected.text("id")))
                    .doesNotContain("correct horse");
            assertThat(reserve(host, slot(21)).code()).isEqualTo("slot-unavailable");
            assertThat(reserve(host, slot(30).plus(7, ChronoUnit.DAYS)).code()).isEqualTo("slot-unavailable");
            assertThat(reserve(host, slot(26)).status()).isEqualTo(201);

            // the event moves in the host's calendar: the next sync reopens the slot
            radicale.put(collection, "single", "", "DTSTART:" + UTC.format(slot(40)), "DTEND:" + UTC.format(slot(41)));
            Api.Response synced = sync(host, connected.text("id"));
            assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
            assertThat(reserve(host, slot(21)).status()).isEqualTo(201);
            assertThat(reserve(host, slot(40)).code()).isEqualTo("slot-unavailable");

            // wrong credentials: the error is recorded and the busy times stay
            jdbc.update("UPDATE busy_source SET username = 'eve' WHERE source_id = ?::uuid", connected.text("id"));
            Api.Response refused = sync(host, connected.text("id"));
            assertThat(refused.text("lastError")).contains("username or password");
            assertThat(reserve(host, slot(40)).code()).isEqualTo("slot-unavailable");
        }
    }
}
