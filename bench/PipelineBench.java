import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pipeline latency: from a booking's commit (its 201 arriving at the client) to (a) the booking being
 * readable on the query side and (b) its signed webhook arriving at a receiver in this process.
 * Run against `./bookwise up` (which allows loopback webhook targets):
 *   java bench/PipelineBench.java [bookings=300] [pause-ms=50]
 * Bookings are made one at a time with a pause between them, so each measures an idle pipeline's latency.
 *   java bench/PipelineBench.java burst [bookings=2000] [clients=8] [hosts=8]
 * A burst instead: the clients book as fast as they can across the hosts, one all-host subscription
 * (the admin's) receives every reservation; prints how long the webhooks took to drain and the
 * deliveries per second, beside the latency from each commit to its webhook.
 */
public class PipelineBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String COMMAND = env("BOOKWISE_COMMAND_URL", "http://127.0.0.1:8080");
    static final String QUERY = env("BOOKWISE_QUERY_URL", "http://127.0.0.1:8081");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("burst")) {
            burst(args.length > 1 ? Integer.parseInt(args[1]) : 2000, args.length > 2 ? Integer.parseInt(args[2]) : 8,
                    args.length > 3 ? Integer.parseInt(args[3]) : 8);
            return;
        }
        int bookings = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long pauseMs = args.length > 1 ? Long.parseLong(args[1]) : 50;
        String admin = adminKey();
        Receiver hooks = Receiver.start("/hook", bookings, 8);
        Map<String, Long> webhookArrivals = hooks.arrivals();
        CountDownLatch allArrived = hooks.allArrived();
        HttpServer receiver = hooks.server();

        String host = send("POST", COMMAND + "/api/hosts", admin,
                "{\"name\":\"Pipeline\",\"email\":\"pipeline@example.com\",\"timeZone\":\"UTC\"}").body();
        String hostId = field(host, "hostId");
        String key = field(host, "apiKey");
        HttpResponse<String> schedule = send("PUT", COMMAND + "/api/hosts/" + hostId + "/schedule", key,
                openSchedule(15, 60));
        check(schedule, 200);
        String position = schedule.headers().firstValue("X-Bookwise-Position").orElseThrow();
        check(send("POST", QUERY + "/api/webhooks?minPosition=" + position, key, "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\",\"events\":[\"booking.reserved\"]}"), 201);

        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        Map<String, Long> committed = new ConcurrentHashMap<>();
        long[] readable = new long[bookings];
        for (int i = 0; i < bookings; i++) {
            Instant start = tomorrow.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(900L * i);
            HttpResponse<String> booked = send("POST", COMMAND + "/api/bookings", key, "{\"hostId\":\"" + hostId
                    + "\",\"start\":\"" + start + "\",\"attendee\":{\"name\":\"A\",\"email\":\"a@example.com\"}}");
            long t0 = System.nanoTime();
            check(booked, 201);
            String bookingId = field(booked.body(), "bookingId");
            committed.put(bookingId, t0);
            while (send("GET", QUERY + "/api/bookings/" + bookingId, key, null).statusCode() != 200) {
                Thread.onSpinWait();
            }
            readable[i] = System.nanoTime() - t0;
            Thread.sleep(pauseMs);
        }
        if (!allArrived.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
            System.out.printf("only %d of %d webhooks arrived within 60 s%n", webhookArrivals.size(), bookings);
        }
        long[] webhook = committed.entrySet().stream().filter(e -> webhookArrivals.containsKey(e.getKey()))
                .mapToLong(e -> webhookArrivals.get(e.getKey()) - e.getValue()).sorted().toArray();
        Arrays.sort(readable);
        System.out.printf("commit -> read model visible: %d bookings, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                bookings, pct(readable, 50), pct(readable, 95), pct(readable, 99), readable[readable.length - 1] / 1e6);
        System.out.printf("commit -> webhook received:   %d webhooks, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                webhook.length, pct(webhook, 50), pct(webhook, 95), pct(webhook, 99), webhook[webhook.length - 1] / 1e6);
        receiver.stop(0);
        System.exit(0);
    }

    /** A webhook receiver in this process: the arrival time of each booking's first webhook, and a latch for all of them. */
    record Receiver(HttpServer server, Map<String, Long> arrivals, CountDownLatch allArrived) {
        static Receiver start(String path, int expected, int threads) throws Exception {
            Receiver receiver = new Receiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
                    new ConcurrentHashMap<>(), new CountDownLatch(expected));
            receiver.server().setExecutor(Executors.newFixedThreadPool(threads));
            receiver.server().createContext(path, exchange -> {
                long at = System.nanoTime();
                String body = new String(exchange.getRequestBody().readAllBytes());
                Matcher m = BOOKING_ID.matcher(body);
                if (m.find() && receiver.arrivals().putIfAbsent(m.group(1), at) == null) {
                    receiver.allArrived().countDown();
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.server().start();
            return receiver;
        }
    }

    static final Pattern BOOKING_ID = Pattern.compile("\"bookingId\":\"([^\"]+)\"");

    /** A schedule open around the clock every day, in UTC. */
    static String openSchedule(int slotMinutes, int horizonDays) {
        return "{\"timeZone\":\"UTC\",\"slotMinutes\":" + slotMinutes + ",\"horizonDays\":" + horizonDays
                + ",\"weeklyHours\":{" + String.join(",", Arrays.stream(java.time.DayOfWeek.values())
                .map(d -> "\"" + d + "\":[{\"start\":\"00:00\",\"end\":\"24:00\"}]").toList()) + "}}";
    }

    static String adminKey() throws Exception {
        return System.getenv("BOOKWISE_ADMIN_KEY") != null ? System.getenv("BOOKWISE_ADMIN_KEY")
                : Files.readString(Path.of(".bookwise/admin-key")).trim();
    }

    static void burst(int bookings, int clients, int hostCount) throws Exception {
        String admin = adminKey();
        Receiver hooks = Receiver.start("/all", bookings, 16);
        Map<String, Long> arrivals = hooks.arrivals();
        CountDownLatch allArrived = hooks.allArrived();
        HttpServer receiver = hooks.server();

        String[] hostIds = new String[hostCount];
        String[] keys = new String[hostCount];
        String position = "0";
        for (int h = 0; h < hostCount; h++) {
            String host = send("POST", COMMAND + "/api/hosts", admin,
                    "{\"name\":\"Burst\",\"email\":\"burst@example.com\",\"timeZone\":\"UTC\"}").body();
            hostIds[h] = field(host, "hostId");
            keys[h] = field(host, "apiKey");
            HttpResponse<String> schedule = send("PUT", COMMAND + "/api/hosts/" + hostIds[h] + "/schedule", keys[h],
                    openSchedule(5, 365));
            check(schedule, 200);
            position = schedule.headers().firstValue("X-Bookwise-Position").orElseThrow();
        }
        HttpResponse<String> subscribed = send("POST", QUERY + "/api/webhooks?minPosition=" + position, admin,
                "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/all\",\"events\":[\"booking.reserved\"]}");
        check(subscribed, 201);

        Instant firstSlot = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<String, Long> committed = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        long started = System.nanoTime();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            threads[c] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < bookings; i = next.getAndIncrement()) {
                    int h = i % hostCount;
                    Instant start = firstSlot.plusSeconds(300L * (i / hostCount));
                    try {
                        HttpResponse<String> booked = send("POST", COMMAND + "/api/bookings", keys[h], "{\"hostId\":\""
                                + hostIds[h] + "\",\"start\":\"" + start + "\",\"attendee\":{\"name\":\"A\",\"email\":\"a@example.com\"}}");
                        long t0 = System.nanoTime();
                        if (booked.statusCode() == 201) {
                            committed.put(field(booked.body(), "bookingId"), t0);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            threads[c].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long bookedAt = System.nanoTime();
        boolean complete = allArrived.await(300, java.util.concurrent.TimeUnit.SECONDS);
        long lastArrival = arrivals.values().stream().mapToLong(Long::longValue).max().orElse(bookedAt);
        long[] lag = committed.entrySet().stream().filter(e -> arrivals.containsKey(e.getKey()))
                .mapToLong(e -> arrivals.get(e.getKey()) - e.getValue()).sorted().toArray();
        System.out.printf("burst: %d bookings (%d not 201) by %d clients on %d hosts in %.1f s (%.0f/s)%n", committed.size(),
                failed.get(), clients, hostCount, (bookedAt - started) / 1e9, committed.size() / ((bookedAt - started) / 1e9));
        System.out.printf("webhooks: %d of %d arrived%s; last one %.1f s after the first booking, %.1f s after the last;"
                        + " %.0f deliveries/s%n", arrivals.size(), committed.size(), complete ? "" : " (gave up after 300 s)",
                (lastArrival - started) / 1e9, (lastArrival - bookedAt) / 1e9, arrivals.size() / ((lastArrival - started) / 1e9));
        if (lag.length > 0) {
            System.out.printf("commit -> webhook received: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(lag, 50), pct(lag, 95), pct(lag, 99), lag[lag.length - 1] / 1e6);
        }
        receiver.stop(0);
        System.exit(0);
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static HttpResponse<String> send(String method, String url, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
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

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
