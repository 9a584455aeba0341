import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live availability benchmark: S open SSE subscriptions (GET /api/availability/stream) over H hosts
 * while bookings run on the command side.
 * Run against `./bookwise up` started with room for one client address's streams:
 *   BOOKWISE_LIVE_MAX_CONNECTIONS_PER_ADDRESS=5000 ./bookwise up
 *   java bench/LiveBench.java [subscriptions=1000] [hosts=100] [bookings=500] [bookings/s=20]
 * (1,000 streams need ~1,100 file descriptors on each side: `ulimit -n 4096` first.)
 * Each host gets a schedule open all day, every day; each subscription watches its host's next 7
 * days. The streams are opened with the admin key (its rate limit, not the address's). Measures:
 * - memory per idle subscriber: the query side's heap in use (jvm_memory_used_bytes, median of 5
 *   samples) before and after opening the streams, divided by their number; when the query side runs
 *   on this machine (.bookwise/run/query.pid, or BOOKWISE_QUERY_PID) a full GC (jcmd GC.run) first, so
 *   that only live objects count, otherwise a rough figure that includes garbage not yet collected;
 * - commit -> slots message: for each booking and each subscription of its host, from the
 *   booking's 201 answer to the first slots event without the booked start (coalesced messages
 *   count for every booking they carry); a message that arrives before the 201 counts as 0 ms;
 * - the query side's own bookwise_live_lag_seconds histogram (from the event's timestamp),
 *   messages sent, recomputations and dropped connections, and where its time went
 *   (bookwise_live_stage_seconds);
 * - the CPU time this generator and the query side (when its pid is known) spent while the bookings ran.
 */
public class LiveBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ExecutorService STREAM_IO = Executors.newFixedThreadPool(4);
    static final HttpClient STREAMS = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(STREAM_IO)
            .build();
    static final String COMMAND = env("BOOKWISE_COMMAND_URL", "http://127.0.0.1:8080");
    static final String QUERY = env("BOOKWISE_QUERY_URL", "http://127.0.0.1:8081");
    static String admin;

    /** One subscription: when each booked start was first missing from its list. */
    static final class Sub implements Flow.Subscriber<String> {
        final int host;
        final Map<String, Long> pending = new ConcurrentHashMap<>();
        final Map<String, Long> seen = new ConcurrentHashMap<>();
        final CountDownLatch first = new CountDownLatch(1);
        final AtomicInteger messages = new AtomicInteger();
        volatile int status;
        volatile Flow.Subscription subscription;
        private StringBuilder data;

        Sub(int host) {
            this.host = host;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                data = (data == null ? new StringBuilder() : data).append(line.substring(5));
            } else if (line.isEmpty() && data != null) {
                String list = data.toString();
                data = null;
                long now = System.nanoTime();
                messages.incrementAndGet();
                for (String start : pending.keySet()) {
                    if (!seen.containsKey(start) && !list.contains("\"start\":\"" + start + "\"")) {
                        seen.put(start, now);
                    }
                }
                first.countDown();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            first.countDown();
        }

        @Override
        public void onComplete() {
            first.countDown();
        }
    }

    public static void main(String[] args) throws Exception {
        int subscriptions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int hostCount = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int bookings = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 20;
        admin = System.getenv("BOOKWISE_ADMIN_KEY") != null
                ? System.getenv("BOOKWISE_ADMIN_KEY")
                : Files.readString(Path.of(".bookwise/admin-key")).trim();
        LocalDate first = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        if (bookings > hostCount * 7 * 48) {
            throw new IllegalArgumentException("at most " + hostCount * 7 * 48 + " bookings fit in the hosts' 7 days");
        }

        // hosts, open all day every day, 30-minute slots, no notice
        String[] hosts = new String[hostCount];
        String[] keys = new String[hostCount];
        String weekly = String.join(",", Arrays.stream(DayOfWeek.values())
                .map(d -> "\"" + d + "\":[{\"start\":\"00:00\",\"end\":\"24:00\"}]")
                .toList());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> setup = new ArrayList<>();
        AtomicLong position = new AtomicLong();
        for (int h = 0; h < hostCount; h++) {
            int host = h;
            setup.add(pool.submit(() -> {
                String created = check(send("POST", COMMAND + "/api/hosts", admin,
                        "{\"name\":\"Live " + host + "\",\"email\":\"live" + host + "@example.com\",\"timeZone\":\"UTC\"}"), 201).body();
                hosts[host] = field(created, "hostId");
                keys[host] = field(created, "apiKey");
                HttpResponse<String> schedule = check(send("PUT", COMMAND + "/api/hosts/" + hosts[host] + "/schedule", keys[host],
                        "{\"timeZone\":\"UTC\",\"slotMinutes\":30,\"minimumNoticeMinutes\":0,\"horizonDays\":60,"
                                + "\"weeklyHours\":{" + weekly + "}}"), 200);
                position.accumulateAndGet(Long.parseLong(schedule.headers().firstValue("X-Bookwise-Position").orElse("0")), Math::max);
                return null;
            }));
        }
        for (Future<?> f : setup) {
            f.get();
        }
        String range = "&from=" + first + "&to=" + first.plusDays(6) + "&timezone=UTC";
        check(send("GET", QUERY + "/api/availability?hostId=" + hosts[0] + range + "&minPosition=" + position.get(), null, null), 200);
        System.out.printf("%d hosts ready%n", hostCount);

        // streams
        double heapBefore = heapUsed();
        List<Sub> subs = new ArrayList<>();
        List<List<Sub>> byHost = new ArrayList<>();
        for (int h = 0; h < hostCount; h++) {
            byHost.add(new ArrayList<>());
        }
        long opening = System.nanoTime();
        for (int s = 0; s < subscriptions; s++) {
            Sub sub = new Sub(s % hostCount);
            subs.add(sub);
            byHost.get(sub.host).add(sub);
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            QUERY + "/api/availability/stream?hostId=" + hosts[sub.host] + range))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + admin)
                    .build();
            STREAMS.sendAsync(request, info -> {
                sub.status = info.statusCode();
                return HttpResponse.BodySubscribers.fromLineSubscriber(sub);
            });
        }
        for (Sub sub : subs) {
            if (!sub.first.await(60, TimeUnit.SECONDS) || sub.status != 200) {
                throw new IllegalStateException("a stream answered " + sub.status + " or sent nothing in 60 s"
                        + (sub.status == 429 ? ": start the query side with BOOKWISE_LIVE_MAX_CONNECTIONS_PER_ADDRESS="
                                + (subscriptions + 100) : ""));
            }
        }
        System.out.printf("%d streams open, first lists received in %d ms%n", subscriptions, (System.nanoTime() - opening) / 1_000_000);
        Thread.sleep(3_000);
        double heapAfter = heapUsed();
        System.out.printf("query-side heap: %.1f MiB before, %.1f MiB after: ~%.1f KiB per idle subscriber%n",
                heapBefore / (1 << 20), heapAfter / (1 << 20), (heapAfter - heapBefore) / subscriptions / 1024);
        TreeMap<Double, Long> lagBefore = lagBuckets();
        double messagesBefore = metric("bookwise_live_messages_total{transport=\"sse\"}");

        // bookings at the given rate, round robin over the hosts, each at its host's next free start
        long benchCpuBefore = cpuNanos(ProcessHandle.current());
        long queryCpuBefore = queryProcess().map(LiveBench::cpuNanos).orElse(-1L);
        long[] answeredAt = new long[bookings];
        String[] starts = new String[bookings];
        int[] hostOf = new int[bookings];
        List<Future<?>> writes = new ArrayList<>();
        long period = (long) (1e9 / rate);
        long begin = System.nanoTime();
        for (int i = 0; i < bookings; i++) {
            int b = i;
            hostOf[b] = b % hostCount;
            starts[b] = first.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(1800L * (b / hostCount)).toString();
            for (Sub sub : byHost.get(hostOf[b])) {
                sub.pending.put(starts[b], 0L);
            }
            long due = begin + period * b;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            writes.add(pool.submit(() -> {
                check(send("POST", COMMAND + "/api/bookings", keys[hostOf[b]], "{\"hostId\":\"" + hosts[hostOf[b]]
                        + "\",\"start\":\"" + starts[b] + "\",\"attendee\":{\"name\":\"A\",\"email\":\"a@example.com\"}}"), 201);
                answeredAt[b] = System.nanoTime();
                return null;
            }));
        }
        for (Future<?> w : writes) {
            w.get();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("%d bookings in %.1f s (%.1f/s)%n", bookings, seconds, bookings / seconds);
        System.out.printf("CPU while booking: this generator %.1f s%s (of %.1f s x %d cores)%n",
                (cpuNanos(ProcessHandle.current()) - benchCpuBefore) / 1e9,
                queryCpuBefore < 0 ? "" : String.format(", the query side %.1f s",
                        (queryProcess().map(LiveBench::cpuNanos).orElse(0L) - queryCpuBefore) / 1e9),
                seconds, Runtime.getRuntime().availableProcessors());

        // every subscription of each booked host must see its start go; wait for the stragglers
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && missing(subs) > 0) {
            Thread.sleep(100);
        }
        List<Long> lags = new ArrayList<>();
        int early = 0;
        for (int b = 0; b < bookings; b++) {
            for (Sub sub : byHost.get(hostOf[b])) {
                Long seenAt = sub.seen.get(starts[b]);
                if (seenAt != null) {
                    long lag = seenAt - answeredAt[b];
                    if (lag < 0) {
                        early++;
                    }
                    lags.add(Math.max(0, lag));
                }
            }
        }
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        int received = subs.stream().mapToInt(s -> s.messages.get()).sum() - subscriptions;
        System.out.printf("commit (201) -> slots message: %d (booking, subscriber) pairs, %d never seen, %d before the 201;"
                        + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                sorted.length, missing(subs), early, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.out.printf("slots messages received after the first lists: %d (%.2f per booking per subscriber of its host)%n",
                received, received / (double) Math.max(1, sorted.length));

        TreeMap<Double, Long> lag = lagBuckets();
        lag.replaceAll((le, count) -> count - lagBefore.getOrDefault(le, 0L));
        long total = lag.isEmpty() ? 0 : lag.lastEntry().getValue();
        for (double p : new double[] {0.50, 0.95, 0.99}) {
            double bound = lag.entrySet().stream().filter(e -> e.getValue() >= Math.ceil(p * total)).findFirst()
                    .map(Map.Entry::getKey).orElse(Double.NaN);
            System.out.printf("server (event timestamp -> write): p%d <= %.1f ms (histogram bucket bound, %d messages)%n",
                    Math.round(p * 100), bound * 1000, total);
        }
        String scraped = scrape();
        for (String stage : new String[] {"read", "projections", "recompute", "send"}) {
            double count = metric(scraped, "bookwise_live_stage_seconds_count{stage=\"" + stage + "\"}");
            double sum = metric(scraped, "bookwise_live_stage_seconds_sum{stage=\"" + stage + "\"}");
            System.out.printf("server stage %-11s mean %6.1f ms over %.0f%n", stage, count == 0 ? 0 : sum / count * 1000, count);
        }
        System.out.printf("server: %.0f messages sent, %.0f recomputations, %.0f connections dropped as slow%n",
                metric("bookwise_live_messages_total{transport=\"sse\"}") - messagesBefore,
                metric("bookwise_live_recomputations_total"),
                metric("bookwise_live_dropped_total{transport=\"sse\"}"));

        for (Sub sub : subs) {
            if (sub.subscription != null) {
                sub.subscription.cancel();
            }
        }
        pool.shutdown();
        STREAM_IO.shutdownNow();
        System.exit(0);
    }

    static long missing(List<Sub> subs) {
        return subs.stream().mapToLong(s -> s.pending.size() - s.seen.size()).sum();
    }

    /** The query side's process when it runs on this machine. */
    static java.util.Optional<ProcessHandle> queryProcess() {
        try {
            String pid = System.getenv("BOOKWISE_QUERY_PID") != null
                    ? System.getenv("BOOKWISE_QUERY_PID")
                    : Files.readString(Path.of(".bookwise/run/query.pid")).trim();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** The query side's heap in use, median of 5 samples 200 ms apart, after a full GC when it can ask for one. */
    static double heapUsed() throws Exception {
        java.util.Optional<ProcessHandle> query = queryProcess();
        if (query.isPresent()) {
            Process gc = new ProcessBuilder("jcmd", Long.toString(query.get().pid()), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (gc.waitFor() != 0) {
                System.out.println("jcmd GC.run failed: the heap figures include garbage");
            }
        }
        double[] samples = new double[5];
        for (int i = 0; i < samples.length; i++) {
            Matcher m = Pattern.compile("jvm_memory_used_bytes\\{([^}]*)} ([0-9.Ee+-]+)").matcher(scrape());
            while (m.find()) {
                if (m.group(1).contains("area=\"heap\"")) {
                    samples[i] += Double.parseDouble(m.group(2));
                }
            }
            Thread.sleep(200);
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    /** The query side's cumulative histogram of bookwise_live_lag_seconds (sse): bucket bound (s) to count. */
    static TreeMap<Double, Long> lagBuckets() throws Exception {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        Matcher m = Pattern.compile("bookwise_live_lag_seconds_bucket\\{([^}]*)} ([0-9.Ee+-]+)").matcher(scrape());
        while (m.find()) {
            Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(m.group(1));
            if (m.group(1).contains("transport=\"sse\"") && le.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.MAX_VALUE : Double.parseDouble(le.group(1));
                buckets.merge(bound, (long) Double.parseDouble(m.group(2)), Long::sum);
            }
        }
        return buckets;
    }

    static double metric(String series) throws Exception {
        return metric(scrape(), series);
    }

    static double metric(String scraped, String series) {
        Matcher m = Pattern.compile(Pattern.quote(series) + " ([0-9.Ee+-]+)").matcher(scraped);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static String scrape() throws Exception {
        return check(send("GET", QUERY + "/actuator/prometheus", admin, null), 200).body();
    }

    static double pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
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

    static HttpResponse<String> check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
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
        return value == null ? fallback : value;
    }
}
