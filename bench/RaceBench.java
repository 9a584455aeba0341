import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Same-slot race: N requests for one slot, released together; exactly one may win.
 * Run against `./bookwise up` started with the rate limits lifted (README):
 *
 *   java bench/RaceBench.java [requests=100] [rounds=5]
 *
 * Registers a host (schedule open around the clock, 30-minute slots), then for each round: N threads each
 * build their request and open a connection (a warm-up request on /actuator/info, so the race does not
 * start with N TCP handshakes), wait at one start barrier, and POST /api/bookings for the same slot with
 * the host's key (no Idempotency-Key: every request is a different attendee's attempt). Each round uses
 * another slot. Per round it prints the winners (201: must be 1), 409s (the contract's answer for a lost
 * race), other 4xx, 5xx (must be 0), requests without an HTTP answer, the time from release to the first
 * and the last answer, and checks on the query side (waiting for the winner's position) that the slot holds
 * exactly one live booking. Exit code 1 if any round has winners != 1, any 5xx, any request without an
 * answer, or a read model that does not show exactly one booking.
 */
public class RaceBench {

    static final String COMMAND = env("BOOKWISE_COMMAND_URL", "http://127.0.0.1:8080");
    static final String QUERY = env("BOOKWISE_QUERY_URL", "http://127.0.0.1:8081");
    static final int SLOT_MINUTES = 30;
    static final int SHOW_BODIES = 3;

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String admin = System.getenv("BOOKWISE_ADMIN_KEY") != null ? System.getenv("BOOKWISE_ADMIN_KEY")
                : Files.readString(Path.of(".bookwise/admin-key")).trim();
        // one connection per racing request: the JDK client opens as many as there are requests in flight
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();

        HttpResponse<String> registered = send(http, "POST", COMMAND + "/api/hosts", admin,
                "{\"name\":\"Race\",\"email\":\"race@example.com\",\"timeZone\":\"UTC\"}");
        check(registered, 201);
        String hostId = field(registered.body(), "hostId");
        String key = field(registered.body(), "apiKey");
        check(send(http, "PUT", COMMAND + "/api/hosts/" + hostId + "/schedule", key, "{\"timeZone\":\"UTC\",\"slotMinutes\":"
                + SLOT_MINUTES + ",\"horizonDays\":60,\"weeklyHours\":{" + String.join(",", Arrays.stream(java.time.DayOfWeek.values())
                .map(d -> "\"" + d + "\":[{\"start\":\"00:00\",\"end\":\"24:00\"}]").toList()) + "}}"), 200);
        System.out.printf("RaceBench: host %s, %d concurrent requests for one slot, %d rounds, against %s%n",
                hostId, requests, rounds, COMMAND);

        Instant firstSlot = LocalDate.now(ZoneOffset.UTC).plusDays(2).atTime(9, 0).toInstant(ZoneOffset.UTC);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        boolean ok = true;
        for (int round = 1; round <= rounds; round++) {
            Instant slot = firstSlot.plusSeconds(round * SLOT_MINUTES * 60L * 3); // every third slot: no neighbours touch
            ok &= race(http, pool, hostId, key, slot, round, requests);
        }
        pool.shutdown();
        System.out.println(ok ? "RESULT: every round had exactly one winner and no 5xx"
                : "RESULT: FAILED (see the rounds marked FAIL)");
        System.exit(ok ? 0 : 1);
    }

    static boolean race(HttpClient http, ExecutorService pool, String hostId, String key, Instant slot, int round,
                        int requests) throws Exception {
        CountDownLatch ready = new CountDownLatch(requests);
        CountDownLatch go = new CountDownLatch(1);
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> positions = new ConcurrentLinkedQueue<>();
        AtomicLong firstAnswer = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastAnswer = new AtomicLong();
        long[] released = new long[1];
        List<Future<?>> racers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int racer = i;
            racers.add(pool.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(COMMAND + "/api/bookings"))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"hostId\":\"" + hostId + "\",\"start\":\"" + slot
                                + "\",\"attendee\":{\"name\":\"Racer " + racer + "\",\"email\":\"racer" + racer
                                + "@example.com\",\"timeZone\":\"UTC\"}}")).build();
                try {
                    // a connection for this thread's request, kept alive in the client's pool
                    send(http, "GET", COMMAND + "/actuator/info", null, null);
                } catch (IOException e) {
                    // the race itself will show it
                }
                ready.countDown();
                go.await();
                int status;
                String body;
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    body = response.body();
                    if (status == 201) {
                        response.headers().firstValue("X-Bookwise-Position").ifPresent(positions::add);
                    }
                } catch (IOException e) {
                    status = -1;
                    body = e.toString();
                }
                long at = System.nanoTime();
                firstAnswer.accumulateAndGet(at, Math::min);
                lastAnswer.accumulateAndGet(at, Math::max);
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                if (status != 201 && status != 409 || status == 409 && !body.contains("\"slot-unavailable\"")) {
                    unexpected.add((status < 0 ? "no answer" : Integer.toString(status)) + " " + body);
                }
                return null;
            }));
        }
        ready.await();
        released[0] = System.nanoTime();
        go.countDown();
        for (Future<?> racer : racers) {
            racer.get();
        }
        long winners = count(statuses, 201);
        long conflicts = count(statuses, 409);
        long other4xx = statuses.entrySet().stream().filter(e -> e.getKey() >= 400 && e.getKey() < 500 && e.getKey() != 409)
                .mapToLong(e -> e.getValue().get()).sum();
        long server5xx = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue().get()).sum();
        long noAnswer = count(statuses, -1);

        // the read model must hold exactly one live booking at that slot, whatever the answers said
        String position = positions.stream().findFirst().orElse("0");
        HttpResponse<String> live = send(http, "GET", QUERY + "/api/hosts/" + hostId + "/bookings?from=" + slot + "&to="
                + slot.plusSeconds(SLOT_MINUTES * 60L) + "&status=RESERVED,CONFIRMED&limit=50&minPosition=" + position, key, null);
        int booked = live.statusCode() == 200 ? countOf(live.body(), "\"bookingId\"") : -1;
        boolean stale = live.headers().firstValue("X-Bookwise-Stale").map("true"::equals).orElse(false);

        boolean ok = winners == 1 && server5xx == 0 && noAnswer == 0 && booked == 1;
        System.out.printf("round %d %s: slot %s, winners %d, 409 %d, other 4xx %d, 5xx %d, no answer %d; "
                        + "first answer %.1f ms, all answered %.1f ms after release; read model: %s%n",
                round, ok ? "ok  " : "FAIL", slot, winners, conflicts, other4xx, server5xx, noAnswer,
                (firstAnswer.get() - released[0]) / 1e6, (lastAnswer.get() - released[0]) / 1e6,
                booked < 0 ? "answered " + live.statusCode() : booked + " live booking" + (booked == 1 ? "" : "s")
                        + (stale ? " (stale)" : ""));
        if (statuses.keySet().stream().anyMatch(s -> s != 201 && s != 409)) {
            System.out.println("  answers: " + new TreeMap<>(statuses));
        }
        unexpected.stream().limit(SHOW_BODIES).forEach(b -> System.out.println("  unexpected: " + b));
        return ok;
    }

    static long count(Map<Integer, AtomicLong> statuses, int status) {
        AtomicLong n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    static HttpResponse<String> send(HttpClient http, String method, String url, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    static int countOf(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
