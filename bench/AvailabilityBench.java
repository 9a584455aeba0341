import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Availability benchmark: one host with 1,000 future bookings; 30-day availability queries.
 * Run against `./bookwise up`:  java bench/AvailabilityBench.java [requests=5000] [clients=1] [types=0]
 * With types = N > 0 the host gets N event types (15 to 90 minutes on a 15-minute interval, the
 * second seated, the third limited per day), the 1,000 bookings are spread over them, one every
 * 75 minutes, and the queries ask for the availability of a 45-minute type.
 * Reports client-side latency and the query side's own percentiles for /api/availability.
 */
public class AvailabilityBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String COMMAND = env("BOOKWISE_COMMAND_URL", "http://127.0.0.1:8080");
    static final String QUERY = env("BOOKWISE_QUERY_URL", "http://127.0.0.1:8081");
    static String ADMIN;

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int typeCount = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String admin = System.getenv("BOOKWISE_ADMIN_KEY") != null ? System.getenv("BOOKWISE_ADMIN_KEY")
                : Files.readString(Path.of(".bookwise/admin-key")).trim();
        ADMIN = admin;

        String host = send("POST", COMMAND + "/api/hosts", admin,
                "{\"name\":\"Bench\",\"email\":\"bench@example.com\",\"timeZone\":\"UTC\"}").body();
        String hostId = field(host, "hostId");
        String key = field(host, "apiKey");
        check(send("PUT", COMMAND + "/api/hosts/" + hostId + "/schedule", key, "{\"timeZone\":\"UTC\",\"slotMinutes\":30,"
                + "\"horizonDays\":60,\"weeklyHours\":{" + String.join(",", Arrays.stream(java.time.DayOfWeek.values())
                .map(d -> "\"" + d + "\":[{\"start\":\"00:00\",\"end\":\"24:00\"}]").toList()) + "}}"), 200);

        List<String> types = new ArrayList<>();
        int[] durations = {15, 30, 45, 60, 90};
        for (int t = 0; t < typeCount; t++) {
            int duration = durations[t % durations.length];
            String extra = t == 1 ? ",\"seats\":4" : t == 2 ? ",\"limits\":{\"perDay\":10}" : "";
            HttpResponse<String> type = send("POST", COMMAND + "/api/hosts/" + hostId + "/event-types", key,
                    "{\"slug\":\"type-" + t + "\",\"title\":\"Type " + t + "\",\"durationMinutes\":" + duration
                            + ",\"slotIntervalMinutes\":15,\"horizonDays\":60" + extra + "}");
            check(type, 201);
            types.add(field(type.body(), "eventTypeId"));
        }

        // 1,000 bookings spread over the next 40 days, on every other slot (with types: one every 75 minutes,
        // of the types lasting at most an hour)
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> writes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Instant start = types.isEmpty()
                    ? tomorrow.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600L * (i * 40 * 24 / 1000) + 1800L * (i % 2))
                    : tomorrow.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(75L * 60 * i);
            // a slot ends within its day's range (00:00-24:00): a long type does not start just before midnight
            int t = i % Math.max(1, Math.min(types.size(), 4));
            if ((start.getEpochSecond() / 60) % 1440 + durations[t] > 1440) {
                t = 0;
            }
            String type = types.isEmpty() ? "" : ",\"eventTypeId\":\"" + types.get(t) + "\"";
            String body = "{\"hostId\":\"" + hostId + "\",\"start\":\"" + start + "\"" + type
                    + ",\"attendee\":{\"name\":\"A\",\"email\":\"a@example.com\"}}";
            writes.add(pool.submit(() -> {
                HttpResponse<String> response = send("POST", COMMAND + "/api/bookings", key, body);
                check(response, 201);
                return response.headers().firstValue("X-Bookwise-Position").orElseThrow();
            }));
        }
        long position = 0;
        for (Future<String> write : writes) {
            position = Math.max(position, Long.parseLong(write.get()));
        }
        System.out.printf("seeded 1000 bookings in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        String url = QUERY + "/api/availability?hostId=" + hostId + "&from=" + tomorrow + "&to=" + tomorrow.plusDays(29)
                + (types.size() > 2 ? "&eventTypeId=" + types.get(2) : "");
        HttpResponse<String> first = send("GET", url + "&minPosition=" + position, null, null);
        check(first, 200);
        System.out.printf("30-day availability: %d slots, stale=%s%n", count(first.body(), "\"start\""),
                first.headers().firstValue("X-Bookwise-Stale").orElse("false"));

        for (int i = 0; i < 2000; i++) {
            check(send("GET", url, null, null), 200);
        }
        java.util.TreeMap<Double, Long> bucketsBefore = buckets();
        long[] latencies = new long[requests];
        List<Future<?>> readers = new ArrayList<>();
        ExecutorService readPool = Executors.newFixedThreadPool(clients);
        long readStart = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            readers.add(readPool.submit(() -> {
                for (int i = client; i < requests; i += clients) {
                    long t0 = System.nanoTime();
                    check(send("GET", url, null, null), 200);
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> reader : readers) {
            reader.get();
        }
        double seconds = (System.nanoTime() - readStart) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("client: %d requests, %d clients, %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n", requests, clients,
                requests / seconds, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99));
        java.util.TreeMap<Double, Long> buckets = buckets();
        buckets.replaceAll((le, count) -> count - bucketsBefore.getOrDefault(le, 0L));
        long total = buckets.lastEntry().getValue();
        for (double p : new double[] {0.50, 0.95, 0.99}) {
            double bound = buckets.entrySet().stream().filter(e -> e.getValue() >= Math.ceil(p * total)).findFirst()
                    .orElseThrow().getKey();
            System.out.printf("server: p%d <= %.2f ms (histogram bucket bound, %d requests)%n", Math.round(p * 100), bound * 1000, total);
        }
        pool.shutdown();
        readPool.shutdown();
    }

    /** The query side's cumulative histogram of /api/availability latencies: bucket upper bound (s) to count. */
    static java.util.TreeMap<Double, Long> buckets() throws Exception {
        java.util.TreeMap<Double, Long> buckets = new java.util.TreeMap<>();
        Matcher m = Pattern.compile("http_server_requests_seconds_bucket\\{([^}]*)} ([0-9.Ee+-]+)")
                .matcher(send("GET", QUERY + "/actuator/prometheus", ADMIN, null).body());
        while (m.find()) {
            String labels = m.group(1);
            Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(labels);
            if (labels.contains("uri=\"/api/availability\"") && labels.contains("status=\"200\"") && le.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.MAX_VALUE : Double.parseDouble(le.group(1));
                buckets.merge(bound, (long) Double.parseDouble(m.group(2)), Long::sum);
            }
        }
        return buckets;
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

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
