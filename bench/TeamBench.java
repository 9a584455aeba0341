import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Team bookings against a running system (`./bookwise up` with the rate limits lifted, README):
 *
 *   java bench/TeamBench.java race [members=10] [requests=500] [rounds=3] [warmup=0]
 *       k-winner race: a round-robin team of `members` hosts, all free; `requests` requests for one
 *       start released together. Exactly `members` may win, each on a different member; every other
 *       answer must be 409. Reports the time from release to the first and to the last answer;
 *       `warmup` rounds come first, labelled (a fresh JVM compiles the path during its first rounds).
 *   java bench/TeamBench.java throughput [members=20] [clients=16] [seconds=30] [warmup=10]
 *       round-robin bookings of a 20-member team as fast as `clients` clients go, each booking at
 *       its own start (every member always free); bookings/s and latency percentiles.
 *   java bench/TeamBench.java availability [members=10] [bookingsPerMember=200] [requests=2000] [clients=4]
 *       30-day availability of a round-robin team and a collective team of `members`/2 members, each
 *       member with `bookingsPerMember` bookings of their own; client latency percentiles and the query
 *       side's own histogram (http_server_requests) for /api/availability.
 *
 * Exit code 1 when a race round breaks the rule (wrong winners, a 5xx, a request without an answer).
 */
public class TeamBench {

    static final String COMMAND = env("BOOKWISE_COMMAND_URL", "http://127.0.0.1:8080");
    static final String QUERY = env("BOOKWISE_QUERY_URL", "http://127.0.0.1:8081");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    static String admin;

    public static void main(String[] args) throws Exception {
        admin = System.getenv("BOOKWISE_ADMIN_KEY") != null ? System.getenv("BOOKWISE_ADMIN_KEY")
                : Files.readString(Path.of(".bookwise/admin-key")).trim();
        String mode = args.length > 0 ? args[0] : "race";
        int[] n = Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray();
        boolean ok = switch (mode) {
            case "race" -> race(at(n, 0, 10), at(n, 1, 500), at(n, 2, 3), at(n, 3, 0));
            case "throughput" -> throughput(at(n, 0, 20), at(n, 1, 16), at(n, 2, 30), at(n, 3, 10));
            case "availability" -> availability(at(n, 0, 10), at(n, 1, 200), at(n, 2, 2000), at(n, 3, 4));
            default -> throw new IllegalArgumentException("race, throughput or availability");
        };
        System.exit(ok ? 0 : 1);
    }

    record Host(String id, String key) {}

    record Team(String id, String key, String typeId, List<Host> members) {}

    static Host openHost(String name) throws Exception {
        HttpResponse<String> registered = send("POST", COMMAND + "/api/hosts", admin,
                "{\"name\":\"" + name + "\",\"email\":\"bench@example.com\",\"timeZone\":\"UTC\"}");
        check(registered, 201);
        Host host = new Host(field(registered.body(), "hostId"), field(registered.body(), "apiKey"));
        check(send("PUT", COMMAND + "/api/hosts/" + host.id() + "/schedule", host.key(),
                "{\"timeZone\":\"UTC\",\"slotMinutes\":30,\"horizonDays\":60,\"weeklyHours\":{"
                        + String.join(",", Arrays.stream(DayOfWeek.values())
                        .map(d -> "\"" + d + "\":[{\"start\":\"00:00\",\"end\":\"24:00\"}]").toList()) + "}}"), 200);
        return host;
    }

    static Team team(List<Host> members, String assignment) throws Exception {
        String listed = String.join(",", members.stream().map(h -> "{\"hostId\":\"" + h.id() + "\"}").toList());
        HttpResponse<String> created = send("POST", COMMAND + "/api/teams", admin,
                "{\"name\":\"Bench\",\"members\":[" + listed + "]}");
        check(created, 201);
        String teamId = field(created.body(), "teamId");
        String key = field(created.body(), "apiKey");
        HttpResponse<String> type = send("POST", COMMAND + "/api/teams/" + teamId + "/event-types", key,
                "{\"slug\":\"bench\",\"title\":\"Bench\",\"durationMinutes\":30,\"assignment\":\"" + assignment + "\"}");
        check(type, 201);
        return new Team(teamId, key, field(type.body(), "eventTypeId"), members);
    }

    static List<Host> hosts(int count) throws Exception {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(openHost("Member " + i));
        }
        return hosts;
    }

    static String teamBooking(Team team, Instant start, int attendee) {
        return "{\"teamId\":\"" + team.id() + "\",\"eventTypeId\":\"" + team.typeId() + "\",\"start\":\"" + start
                + "\",\"attendee\":{\"name\":\"Attendee " + attendee + "\",\"email\":\"a" + attendee + "@example.com\"}}";
    }

    static boolean race(int members, int requests, int rounds, int warmup) throws Exception {
        Team team = team(hosts(members), "ROUND_ROBIN");
        System.out.printf("TeamBench race: round-robin team of %d free members, %d concurrent requests for one start, "
                + "%d rounds, against %s%n", members, requests, rounds, COMMAND);
        Instant first = LocalDate.now(ZoneOffset.UTC).plusDays(2).atTime(9, 0).toInstant(ZoneOffset.UTC);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        boolean ok = true;
        for (int round = 1 - warmup; round <= rounds; round++) {
            Instant start = first.plusSeconds(round * 3 * 1800L);
            CountDownLatch ready = new CountDownLatch(requests);
            CountDownLatch go = new CountDownLatch(1);
            Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            Set<String> assigned = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
            AtomicLong firstAnswer = new AtomicLong(Long.MAX_VALUE);
            AtomicLong lastAnswer = new AtomicLong();
            ConcurrentLinkedQueue<Long> answeredAt = new ConcurrentLinkedQueue<>();
            List<Future<?>> racers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String body = teamBooking(team, start, i);
                racers.add(pool.submit(() -> {
                    try {
                        send("GET", COMMAND + "/actuator/health", null, null);
                    } catch (IOException e) {
                        // the race will show it
                    }
                    ready.countDown();
                    go.await();
                    int status;
                    String answer;
                    try {
                        HttpResponse<String> response = send("POST", COMMAND + "/api/bookings", team.key(), body);
                        status = response.statusCode();
                        answer = response.body();
                    } catch (IOException e) {
                        status = -1;
                        answer = e.toString();
                    }
                    long at = System.nanoTime();
                    answeredAt.add(at);
                    firstAnswer.accumulateAndGet(at, Math::min);
                    lastAnswer.accumulateAndGet(at, Math::max);
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    if (status == 201) {
                        assigned.add(field(answer, "hostId"));
                    } else if (status != 409 || !answer.contains("\"slot-unavailable\"")) {
                        unexpected.add(status + " " + answer);
                    }
                    return null;
                }));
            }
            ready.await();
            long released = System.nanoTime();
            go.countDown();
            for (Future<?> racer : racers) {
                racer.get();
            }
            long winners = statuses.getOrDefault(201, new AtomicLong()).get();
            boolean roundOk = winners == members && assigned.size() == members && unexpected.isEmpty();
            ok &= roundOk;
            System.out.printf((round < 1 ? "warm-up " : "") + "round %d %s: winners %d on %d different members, answers %s, first answer %.1f ms, "
                            + "all answered %.1f ms after release%n", round, roundOk ? "ok  " : "FAIL", winners,
                    assigned.size(), new TreeMap<>(statuses), (firstAnswer.get() - released) / 1e6,
                    (lastAnswer.get() - released) / 1e6);
            List<Long> times = answeredAt.stream().map(at -> (at - released) / 1_000_000).sorted().toList();
            System.out.printf("  answered by: p10 %d ms, p50 %d ms, p90 %d ms, p99 %d ms%n", times.get(times.size() / 10),
                    times.get(times.size() / 2), times.get(times.size() * 9 / 10), times.get(times.size() * 99 / 100));
            unexpected.stream().limit(3).forEach(b -> System.out.println("  unexpected: " + b));
        }
        pool.shutdown();
        return ok;
    }

    static boolean throughput(int members, int clients, int seconds, int warmup) throws Exception {
        Team team = team(hosts(members), "ROUND_ROBIN");
        System.out.printf("TeamBench throughput: round-robin team of %d members, %d clients, %d s (+%d s warm-up)%n",
                members, clients, seconds, warmup);
        Instant first = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int i = next.getAndIncrement();
                    // `members` bookings per start: every booking finds a free member (57 days × 48 starts, then again: 409s)
                    Instant start = first.plusSeconds(1800L * ((i / members) % (57 * 48)));
                    long sent = System.nanoTime();
                    HttpResponse<String> response = send("POST", COMMAND + "/api/bookings", team.key(),
                            teamBooking(team, start, i));
                    long done = System.nanoTime();
                    if (sent >= warmEnd) {
                        latencies.add(done - sent);
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                    }
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
        long booked = statuses.getOrDefault(201, new AtomicLong()).get();
        System.out.printf("bookings %d in %d s: %.0f/s; answers %s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                booked, seconds, booked / (double) seconds, new TreeMap<>(statuses), pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        return true;
    }

    static boolean availability(int members, int bookingsPerMember, int requests, int clients) throws Exception {
        List<Host> hosts = hosts(members);
        Team roundRobin = team(hosts, "ROUND_ROBIN");
        Team collective = team(hosts.subList(0, Math.max(1, members / 2)), "COLLECTIVE");
        Instant first = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        String last = null;
        for (int h = 0; h < hosts.size(); h++) {
            Host host = hosts.get(h);
            for (int b = 0; b < bookingsPerMember; b++) {
                // spread over 30 days, each member at different times
                Instant start = first.plusSeconds(1800L * ((b * 7L + h * 3L) % (30 * 48)));
                HttpResponse<String> made = send("POST", COMMAND + "/api/bookings", host.key(),
                        "{\"hostId\":\"" + host.id() + "\",\"start\":\"" + start
                                + "\",\"attendee\":{\"name\":\"A\",\"email\":\"a@example.com\"}}");
                if (made.statusCode() == 201) {
                    last = made.headers().firstValue("X-Bookwise-Position").orElse(last);
                }
            }
        }
        String from = first.toString().substring(0, 10);
        String to = first.plusSeconds(29 * 86400L).toString().substring(0, 10);
        // wait until the read model has every booking
        check(send("GET", QUERY + "/api/hosts/" + hosts.get(0).id() + "/bookings?limit=1&minPosition=" + last,
                hosts.get(0).key(), null), 200);
        System.out.printf("TeamBench availability: %d members × %d bookings; 30 days (%s..%s); %d requests, %d clients%n",
                members, bookingsPerMember, from, to, requests, clients);
        for (Team team : List.of(roundRobin, collective)) {
            String url = QUERY + "/api/availability?teamId=" + team.id() + "&eventTypeId=" + team.typeId()
                    + "&from=" + from + "&to=" + to;
            // warm-up: the JIT compiles the request's path before it is measured
            for (int i = 0; i < Math.max(200, requests / 3); i++) {
                check(send("GET", url, null, null), 200);
            }
            TreeMap<Double, Long> bucketsBefore = buckets();
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
            System.out.printf("%s team of %d: client latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    team == roundRobin ? "round-robin" : "collective", team.members().size(), pct(sorted, 50),
                    pct(sorted, 99), sorted.get(sorted.size() - 1) / 1e6);
            TreeMap<Double, Long> server = buckets();
            server.replaceAll((le, count) -> count - bucketsBefore.getOrDefault(le, 0L));
            long total = server.lastEntry().getValue();
            for (double p : new double[] {0.50, 0.95, 0.99}) {
                double bound = server.entrySet().stream().filter(e -> e.getValue() >= Math.ceil(p * total))
                        .findFirst().orElseThrow().getKey();
                System.out.printf("  server: p%d <= %.2f ms (histogram bucket bound, %d requests)%n",
                        Math.round(p * 100), bound * 1000, total);
            }
        }
        return true;
    }

    /** The query side's cumulative histogram of /api/availability latencies: bucket upper bound (s) to count. */
    static TreeMap<Double, Long> buckets() throws Exception {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        Matcher m = Pattern.compile("http_server_requests_seconds_bucket\\{([^}]*)} ([0-9.Ee+-]+)")
                .matcher(send("GET", QUERY + "/actuator/prometheus", admin, null).body());
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

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
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

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
