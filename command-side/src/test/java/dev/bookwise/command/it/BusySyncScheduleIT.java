package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.bookwise.testsupport.Api;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Sources are read again every BOOKWISE_BUSY_SYNC_INTERVAL without anyone asking. */
@TestPropertySource(properties = {"bookwise.busy.allow-loopback=true", "bookwise.busy.sync-interval=PT2S"})
class BusySyncScheduleIT extends CommandSideIT {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Test
    void aSourceIsReadAgainOnItsScheduleUntilItIsRemoved() throws IOException {
        AtomicReference<String> body = new AtomicReference<>(calendar(20));
        AtomicInteger reads = new AtomicInteger();
        HttpServer feed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feed.createContext("/ada.ics", exchange -> {
            reads.incrementAndGet();
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        feed.start();
        try {
            Host host = openHost();
            Api.Response connected = api.post(
                    "/api/hosts/" + host.id() + "/busy-sources",
                    host.key(),
                    Api.json(Map.of(
                            "type",
                            "ics",
                            "url",
                            "http://127.0.0.1:" + feed.getAddress().getPort() + "/ada.ics")));
            assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
            assertThat(reserve(host, slot(20)).code()).isEqualTo("slot-unavailable");

            body.set(calendar(30));
            // nobody asks for a sync: the schedule reads the feed again and records the move
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                                            + "AND payload_type LIKE '%ExternalBusyTimesSynced'",
                                    Long.class, host.id())
                            == 2);
            assertThat(reserve(host, slot(30)).code()).isEqualTo("slot-unavailable");
            assertThat(reserve(host, slot(20)).status()).isEqualTo(201);

            api.send("DELETE", "/api/hosts/" + host.id() + "/busy-sources/" + connected.text("id"), host.key(), null);
            int afterRemoval = reads.get();
            Awaitility.await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
            assertThat(reads.get()).as("reads after the source was removed").isLessThanOrEqualTo(afterRemoval + 1);
        } finally {
            feed.stop(0);
        }
    }

    private static String calendar(int halfHours) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:moving\r\n"
                + "DTSTAMP:20250101T000000Z\r\nDTSTART:" + UTC.format(slot(halfHours)) + "\r\nDTEND:"
                + UTC.format(slot(halfHours + 1)) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }
}
