package dev.bookwise.command.busy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bookwise.web.outbound.PinnedHttpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ICS feed client against the JDK's HTTP server on loopback: a feed, and each way reading one fails. */
class IcsFeedClientTest {

    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final int MAX_BYTES = 64 * 1024;
    private static final String FEED = BusyTimesTest.calendar(
            "BEGIN:VEVENT",
            "UID:a",
            "DTSTART;TZID=Europe/Paris:20250310T090000",
            "DTEND;TZID=Europe/Paris:20250310T100000",
            "SUMMARY:Café",
            "END:VEVENT");

    private static HttpServer server;
    private static final List<String> requests = new CopyOnWriteArrayList<>();

    private final IcsFeedClient client = new IcsFeedClient(
            BusySourceTargets.policy(true, List.of()), new PinnedHttpClient(Duration.ofSeconds(2), TIMEOUT), MAX_BYTES);

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/feed.ics", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Accept"));
            answer(exchange, 200, "text/calendar; charset=utf-8", FEED.getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/moved.ics", exchange -> {
            exchange.getResponseHeaders().add("Location", "/feed.ics");
            answer(exchange, 301, "text/plain", new byte[0]);
        });
        server.createContext("/inward.ics", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
            answer(exchange, 302, "text/plain", new byte[0]);
        });
        server.createContext("/loop.ics", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop.ics");
            answer(exchange, 302, "text/plain", new byte[0]);
        });
        server.createContext("/broken.ics", exchange -> answer(exchange, 500, "text/plain", "oops".getBytes()));
        server.createContext("/gone.ics", exchange -> answer(exchange, 404, "text/plain", new byte[0]));
        server.createContext(
                "/login.ics",
                exchange -> answer(
                        exchange, 200, "text/html", "<!DOCTYPE html>\n<html><body>Sign in</body></html>".getBytes()));
        server.createContext("/huge.ics", exchange -> {
            byte[] body = BusyTimesTest.feed(2_000).getBytes(StandardCharsets.UTF_8);
            answer(exchange, 200, "text/calendar", body);
        });
        server.createContext("/huge-chunked.ics", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/calendar");
            exchange.sendResponseHeaders(200, 0); // chunked: the size is known only by reading
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BusyTimesTest.feed(2_000).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the client stops reading at its bound and closes the connection
            }
        });
        server.createContext("/slow.ics", exchange -> {
            sleep(TIMEOUT.multipliedBy(3));
            answer(exchange, 200, "text/calendar", FEED.getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static URI url(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    @Test
    void aFeedIsReadAndItsBusyTimesExtracted() throws Exception {
        String text = client.read(url("/feed.ics?token=s3cret"));
        assertThat(text).isEqualTo(FEED).contains("Café");
        assertThat(requests).contains("GET /feed.ics?token=s3cret text/calendar, */*;q=0.5");
        assertThat(BusyTimes.of(
                        text,
                        ZoneId.of("UTC"),
                        Instant.parse("2025-03-01T00:00:00Z"),
                        Instant.parse("2025-04-01T00:00:00Z")))
                .containsExactly(BusyTimesTest.busy("2025-03-10T08:00:00Z", "2025-03-10T09:00:00Z"));
    }

    @Test
    void redirectsAreFollowedWhenTheirTargetIsAllowed() throws Exception {
        assertThat(client.read(url("/moved.ics"))).isEqualTo(FEED);
        failsWith(
                "/inward.ics",
                BusySourceException.Kind.REFUSED_TARGET,
                "redirected to a refused address: "
                        + "169.254.169.254 is a link-local address; such targets are refused");
        failsWith("/loop.ics", BusySourceException.Kind.HTTP_STATUS, "more than 5 redirects");
    }

    @Test
    void serverErrorsAndMissingFeedsSayTheirStatus() {
        failsWith("/broken.ics", BusySourceException.Kind.HTTP_STATUS, "the server answered HTTP 500");
        failsWith(
                "/gone.ics",
                BusySourceException.Kind.HTTP_STATUS,
                "no feed at this address (HTTP 404); it may have been reset");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeTimesOut() {
        long started = System.nanoTime();
        failsWith("/slow.ics", BusySourceException.Kind.TIMEOUT, "timed out after 0.8 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(2));
    }

    @Test
    void anAnswerThatIsNotICalendarSaysWhatItIs() {
        failsWith(
                "/login.ics",
                BusySourceException.Kind.NOT_ICALENDAR,
                "the answer is not iCalendar (it starts with \"<!DOCTYPE html> <html><body>Sign in</bod…\")");
    }

    @Test
    void aFeedLargerThanTheBoundIsRefusedWhateverItsFraming() {
        failsWith("/huge.ics", BusySourceException.Kind.TOO_LARGE, "the response is larger than 64 KiB");
        failsWith("/huge-chunked.ics", BusySourceException.Kind.TOO_LARGE, "the response is larger than 64 KiB");
    }

    @Test
    void aTargetTheRulesRefuseIsNotContacted() {
        IcsFeedClient strict = new IcsFeedClient(
                BusySourceTargets.policy(false, List.of()),
                new PinnedHttpClient(Duration.ofSeconds(2), TIMEOUT),
                MAX_BYTES);
        int before = requests.size();
        assertThatThrownBy(() -> strict.read(url("/feed.ics")))
                .isInstanceOf(BusySourceException.class)
                .hasMessageStartingWith("refused: localhost resolves to 127.0.0.1, a loopback address");
        assertThat(requests).hasSize(before);
    }

    private void failsWith(String path, BusySourceException.Kind kind, String message) {
        assertThatThrownBy(() -> client.read(url(path)))
                .as(path)
                .isInstanceOf(BusySourceException.class)
                .hasMessage(message)
                .extracting(e -> ((BusySourceException) e).kind())
                .isEqualTo(kind);
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
