import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Busy sources against a running system started with BOOKWISE_BUSY_ALLOW_LOOPBACK=true (the feeds
 * are served by this program on 127.0.0.1) and the rate limits lifted (README):
 *
 *   java bench/BusyBench.java [bookings=1000] [busyPerSource=1000] [requests=2000] [clients=4] [feedEvents=5000]
 *
 * 1. A host open around the clock (30-minute slots) gets `bookings` bookings over 30 days, then two
 *    ICS sources of `busyPerSource` busy intervals each; 30-day availability is read `requests`
 *    times by `clients` clients: client latency percentiles and the query side's own histogram.
 * 2. Sync of a feed of `feedEvents` events (weekly recurring ones among them): the time of the
 *    first read (connect), of an unchanged re-read, and of a re-read where every event moved.
 */
public class BusyBench {

    static final String COMMAND = env("BOOKWISE_COMMAND_URL", "http://127.0.0.1:8080");
    static final String QUERY = env("BOOKWISE_QUERY_URL", "http://127.0.0.1:8081");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final Map<String, String> FEEDS = new ConcurrentHashMap<>();
    static String admin;

    public static void main(String[] args) throws Exception {
        admin = System.getenv("BOOKWISE_ADMIN_KEY") != null ? System.getenv("BOOKWISE_ADMIN_KEY")
                : Files.readString(Path.of(".bookwise/admin-key")).trim();
        int[] n = Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int bookings = at(n, 0, 1000), busy = at(n, 1, 1000), requests = at(n, 2, 2000), clients = at(n, 3, 4);
        int feedEvents = at(n, 4, 5000);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = FEEDS.getOrDefault(exchange.getRequestURI().getPath(), "").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/calendar");
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            availability(base, bookings, busy, requests, clients);
            sync(base, feedEvents);
        } finally {
            server.stop(0);
        }
        System.exit(0);
    }

    static void availability(String base, int bookings, int busy, int requests, int clients) throws Exception {
        String[] host = openHost("Busy bench");
        Instant first = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        String position = "0";
        for (int b = 0; b < bookings; b++) {
            Instant start = first.plusSeconds(1800L * ((b * 7L) % (30 * 48)));
            HttpResponse<String> made = send("POST", COMMAND + "/api/bookings", host[1], "{\"hostId\":\"" + host[0]
                    + "\",\"start\":\"" + start + "\",\"attendee\":{\"name\":\"A\",\"email\":\"a@example.com\"}}");
            if (made.statusCode() == 201) {
                position = made.headers().firstValue("X-Bookwise-Position").orElse(position);
            }
        }
        for (int s = 0; s < 2; s++) {
            StringBuilder feed = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
            for (int i = 0; i < busy; i++) {
                // 10 minutes in each half hour (the second source's 15 minutes later): never adjacent, never merged
                Instant start = first.plusSeconds(1800L * ((i * 7L) % (30 * 48)) + 900L * s);
                feed.append(event("s" + s + "-" + i, start, start.plusSeconds(600)));
            }
            FEEDS.put("/bench-" + host[0] + "-" + s + ".ics", feed.append("END:VCALENDAR\r\n").toString());
            HttpResponse<String> source = send("POST", COMMAND + "/api/hosts/" + host[0] + "/busy-sources", host[1],
                    "{\"type\":\"ics\",\"url\":\"" + base + "/bench-" + host[0] + "-" + s + ".ics\"}");
            check(source, 201);
            System.out.printf("source %d: %s busy intervals%n", s + 1, number(source.body(), "busyCount"));
        }
        String from = first.toString().substring(0, 10);
        String to = first.plusSeconds(29 * 86400L).toString().substring(0, 10);
        String url = QUERY + "/api/availability?hostId=" + host[0] + "&from=" + from + "&to=" + to;
        // the read model has the last booking, then the busy rows
        check(send("GET", url + "&minPosition=" + position, null, null), 200);
        Thread.sleep(2000);
        List<Long> latencies = timed(url, requests, clients);
        System.out.printf("BusyBench availability: %d bookings + %d busy intervals from 2 sources, 30 days, %d requests, "
                + "%d clients: client p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", bookings, 2 * busy, requests, clients,
                pct(latencies, 50), pct(latencies, 99), latencies.get(latencies.size() - 1) / 1e6);
        send("GET", QUERY + "/actuator/prometheus", admin, null).body().lines()
                .filter(l -> l.startsWith("http_server_requests_seconds") && l.contains("uri=\"/api/availability\"")
                        && (l.contains("quantile") || l.contains("_max")))
                .forEach(l -> System.out.println("  server: " + l));
    }

    static void sync(String base, int events) throws Exception {
        String[] host = openHost("Feed bench");
        Instant first = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        String path = "/feed-" + host[0] + ".ics";
        FEEDS.put(path, feed(first, events, 0));
        long started = System.nanoTime();
        HttpResponse<String> source = send("POST", COMMAND + "/api/hosts/" + host[0] + "/busy-sources", host[1],
                "{\"type\":\"ics\",\"url\":\"" + base + path + "\"}");
        check(source, 201);
        double connect = (System.nanoTime() - started) / 1e6;
        String id = field(source.body(), "id");
        started = System.nanoTime();
        check(send("POST", COMMAND + "/api/hosts/" + host[0] + "/busy-sources/" + id + "/sync", host[1], null), 200);
        double unchanged = (System.nanoTime() - started) / 1e6;
        FEEDS.put(path, feed(first, events, 120));
        started = System.nanoTime();
        HttpResponse<String> moved =
                send("POST", COMMAND + "/api/hosts/" + host[0] + "/busy-sources/" + id + "/sync", host[1], null);
        check(moved, 200);
        double changed = (System.nanoTime() - started) / 1e6;
        System.out.printf("BusyBench sync of a %d-event feed (%d KiB, %s busy intervals in the window): first read %.0f ms, "
                        + "unchanged re-read %.0f ms, every event moved %.0f ms%n", events,
                FEEDS.get(path).length() / 1024, number(moved.body(), "busyCount"), connect, unchanged, changed);
    }

    /** {@code events} events of 5 minutes on a 10-minute grid over 60 days (none adjacent); one in ten weekly for 8 weeks. */
    static String feed(Instant first, int events, long shiftSeconds) {
        StringBuilder feed = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
        for (int i = 0; i < events; i++) {
            Instant start = first.plusSeconds(600L * ((i * 7L) % (60 * 144)) + shiftSeconds);
            feed.append(i % 10 == 0
                    ? event("e" + i, start, start.plusSeconds(300)).replace("END:VEVENT", "RRULE:FREQ=WEEKLY;COUNT=8\r\nEND:VEVENT")
                    : event("e" + i, start, start.plusSeconds(300)));
        }
        return feed.append("END:VCALENDAR\r\n").toString();
    }

    static String event(String uid, Instant start, Instant end) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:" + UTC.format(start)
                + "\r\nDTEND:" + UTC.format(end) + "\r\nEND:VEVENT\r\n";
    }

    static String[] openHost(String name) throws Exception {
        HttpResponse<String> registered = send("POST", COMMAND + "/api/hosts", admin,
                "{\"name\":\"" + name + "\",\"email\":\"bench@example.com\",\"timeZone\":\"UTC\"}");
        check(registered, 201);
        String id = field(registered.body(), "hostId");
        String key = field(registered.body(), "apiKey");
        check(send("PUT", COMMAND + "/api/hosts/" + id + "/schedule", key,
                "{\"timeZone\":\"UTC\",\"slotMinutes\":30,\"horizonDays\":60,\"weeklyHours\":{"
                        + String.join(",", Arrays.stream(DayOfWeek.values())
                        .map(d -> "\"" + d + "\":[{\"start\":\"00:00\",\"end\":\"24:00\"}]").toList()) + "}}"), 200);
        return new String[] {id, key};
    }

    static List<Long> timed(String url, int requests, int clients) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(requests);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    long sent = System.nanoTime();
                    check(send("GET", url, null, null), 200);
                    latencies.add(System.nanoTime() - sent);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted;
    }

    static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static int at(int[] values, int index, int fallback) {
        return values.length > index ? values[index] : fallback;
    }

    static HttpResponse<String> send(String method, String url, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
