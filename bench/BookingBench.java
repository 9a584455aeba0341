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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Booking throughput: many hosts, many clients, each booking a slot nobody else asks for, so every
 * answer should be 201. Run against `./bookwise up` started with the rate limits lifted (README):
 *
 *   java bench/BookingBench.java [clients=64] [seconds=60] [rate=0] [hosts=1000] [warmup=10] [prefix=bench]
 *
 * Bare numbers fill clients, seconds and rate in that order; any setting may also be given as name=value
 * (e.g. `java bench/BookingBench.java clients=8 seconds=10 hosts=50`).
 *
 * - hosts: registered through the command API (16 in parallel), each with a schedule open around the clock
 *   on a 5-minute grid for 365 days, so no client runs out of slots. They are named `<prefix>-0000`... and
 *   remembered with their keys in `.bookwise/bench/BookingBench-<prefix>.hosts` (the API shows a host's key
 *   only once), so a later run with the same prefix reuses them (after checking each key still works)
 *   instead of registering 1,000 more. The file also keeps, per host, the first slot no run has booked yet.
 * - slots: each host hands out its slots in order from an atomic counter, so no two requests, from one
 *   client or several, ever ask for the same slot; a client picks a random host for each booking, with that
 *   host's own key.
 * - rate 0: every client sends its next booking as soon as the last one is answered (closed loop).
 *   rate R > 0: open loop; booking k is due at start + k/R, the next free client sends it at that time
 *   (or at once, if all clients were busy), and its latency counts from when it was due, so a server
 *   that falls behind shows as latency instead of as fewer requests (no coordinated omission).
 *   With too few clients for the rate, or a server that cannot keep up, the backlog grows: the report says how
 *   far sending fell behind and how many due bookings were never sent when the time was up.
 * - warmup: seconds of the same load before the measured run (not counted); 0 to skip.
 *
 * Reports successful bookings/s, answers by status (every non-201 is a finding: the first bodies are printed),
 * client latency p50/p95/p99/max (exact, from every sample), and the command side's own
 * http_server_requests histogram for POST /api/bookings over the measured run (upper bound of the bucket
 * holding each percentile). Exit code 1 if any answer was not 201 or (open loop) any due booking was not sent.
 *
 * Reservations that are never confirmed expire after BOOKWISE_RESERVATION_TTL (10 minutes): a run started
 * within 10 minutes of the previous one shares the machine with that run's expiries.
 */
public class BookingBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final String COMMAND = env("BOOKWISE_COMMAND_URL", "http://127.0.0.1:8080");
    static final String QUERY = env("BOOKWISE_QUERY_URL", "http://127.0.0.1:8081");
    static final int SLOT_MINUTES = 5;
    static final int HORIZON_DAYS = 365;
    static final int SETUP_THREADS = 16;
    static final int SHOW_BODIES = 5;

    record Host(String name, String hostId, String key) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings(args, new String[] {"clients", "seconds", "rate"},
                Map.of("clients", "64", "seconds", "60", "rate", "0", "hosts", "1000", "warmup", "10", "prefix", "bench"));
        int clients = Integer.parseInt(settings.get("clients"));
        double seconds = Double.parseDouble(settings.get("seconds"));
        double rate = Double.parseDouble(settings.get("rate"));
        int hostCount = Integer.parseInt(settings.get("hosts"));
        double warmup = Double.parseDouble(settings.get("warmup"));
        String prefix = settings.get("prefix");
        if (!prefix.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("prefix may hold letters, digits, - and _ only");
        }
        String admin = System.getenv("BOOKWISE_ADMIN_KEY") != null ? System.getenv("BOOKWISE_ADMIN_KEY")
                : Files.readString(Path.of(".bookwise/admin-key")).trim();
        System.out.printf("BookingBench: %d hosts (prefix %s), %d clients, %.0f s, %s, warm-up %.0f s, against %s%n",
                hostCount, prefix, clients, seconds, rate > 0 ? String.format("open loop at %.0f bookings/s", rate)
                        : "closed loop (as fast as possible)", warmup, COMMAND);

        // ------------------------------------------------------------------ hosts
        Path stateFile = Path.of(".bookwise", "bench", "BookingBench-" + prefix + ".hosts");
        long started = System.nanoTime();
        State state = State.load(stateFile);
        List<Host> hosts = new ArrayList<>(Arrays.asList(new Host[hostCount]));
        long[] nextFree = new long[hostCount];
        AtomicInteger reused = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        ExecutorService setup = Executors.newFixedThreadPool(SETUP_THREADS);
        List<Future<?>> setups = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            int index = i;
            setups.add(setup.submit(() -> {
                String name = String.format("%s-%04d", prefix, index);
                State.Entry known = state.hosts.get(name);
                if (known != null && keyWorks(known.host)) {
                    hosts.set(index, known.host);
                    nextFree[index] = known.nextFree;
                    reused.incrementAndGet();
                    return null;
                }
                hosts.set(index, register(admin, name));
                created.incrementAndGet();
                return null;
            }));
        }
        try {
            for (Future<?> f : setups) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            setup.shutdownNow();
            setup.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            state.save(stateFile, hosts, new Slots(nextFree), true); // keep the keys of the hosts registered so far
            if (String.valueOf(e.getCause()).contains("rate-limited")) {
                System.out.println("setup was rate-limited: start ./bookwise up with the BOOKWISE_RATE_LIMIT_* variables raised (README)");
            }
            throw e;
        }
        setup.shutdown();
        double setupSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("setup: %d hosts reused, %d registered with a schedule, in %.1f s (%.0f hosts/s)%n", reused.get(),
                created.get(), setupSeconds, hostCount / setupSeconds);

        // every host's slots from its first unbooked one: tomorrow 00:00 UTC at the earliest, wrapping
        // back once the horizon gets near (by then every earlier reservation has long expired)
        long tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long wrapAt = tomorrow + (HORIZON_DAYS - 30) * 86_400L;
        for (int i = 0; i < hostCount; i++) {
            if (nextFree[i] < tomorrow || nextFree[i] > wrapAt) {
                nextFree[i] = tomorrow;
            }
        }
        Slots slots = new Slots(nextFree);
        Runnable saveState = () -> state.save(stateFile, hosts, slots, true);
        state.save(stateFile, hosts, slots, false); // "running": a run that dies here makes the next one leap ahead
        Thread saveOnExit = new Thread(saveState);
        Runtime.getRuntime().addShutdownHook(saveOnExit);

        // ------------------------------------------------------------------ load
        if (warmup > 0) {
            Phase w = new Phase(hosts, slots, clients, warmup, rate).run();
            System.out.printf("warm-up: %.1f s, %d requests, %.0f bookings/s, %s%n", w.elapsed, w.requests(),
                    w.count(201) / w.elapsed, w.statusLine());
        }
        TreeMap<String, TreeMap<Double, Long>> before = serverBuckets();
        Phase run = new Phase(hosts, slots, clients, seconds, rate).run();
        TreeMap<String, TreeMap<Double, Long>> after = serverBuckets();
        state.save(stateFile, hosts, slots, true);
        Runtime.getRuntime().removeShutdownHook(saveOnExit);

        // ------------------------------------------------------------------ report
        System.out.printf("measured: %.1f s, %d requests (%.0f/s), %d bookings: %.1f bookings/s%s%n", run.elapsed,
                run.requests(), run.requests() / run.elapsed, run.count(201), run.count(201) / run.elapsed,
                rate > 0 ? String.format(" (target %.0f/s)", rate) : "");
        System.out.println("answers: " + run.statusLine());
        if (!run.findings.isEmpty()) {
            System.out.println("FINDINGS: answers other than 201 (first " + run.findings.size() + "):");
            run.findings.forEach(f -> System.out.println("  " + f));
            if (run.count(409) > 0) {
                System.out.println("  (409 slot-unavailable here means a slot was already taken: another run with prefix " + prefix
                        + " at the same time, or a hosts file that does not match the database; try another prefix=)");
            }
        }
        long[] latency = run.latencies();
        if (latency.length > 0) {
            System.out.printf("client latency%s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)%n",
                    rate > 0 ? " (from each booking's due time)" : "", pct(latency, 50), pct(latency, 95), pct(latency, 99),
                    latency[latency.length - 1] / 1e6, latency.length);
        }
        if (rate > 0) {
            long[] service = run.serviceTimes();
            if (service.length > 0) {
                System.out.printf("client service time (from the actual send): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        pct(service, 50), pct(service, 95), pct(service, 99), service[service.length - 1] / 1e6);
            }
            System.out.printf("sending fell behind schedule by up to %.1f ms%s%n", run.maxSendLag.get() / 1e6,
                    run.maxSendLag.get() > 100_000_000L ? " (too few clients for this rate, or the server is saturated)" : "");
            if (run.backlog > 0) {
                System.out.printf("NOT SENT: %d bookings were due before the end but never sent (the latencies above leave "
                        + "them out)%n", run.backlog);
            }
        }
        reportServer(before, after);
        System.exit(run.count(201) == run.requests() && run.backlog == 0 ? 0 : 1);
    }

    /** Hands out each host's slots in order: no two requests ever get the same (host, slot). */
    static final class Slots {
        final long[] base;
        final AtomicLongArray taken;

        Slots(long[] base) {
            this.base = base;
            this.taken = new AtomicLongArray(base.length);
        }

        /** @return the start (epoch second) of a slot of this host nobody has asked for */
        long next(int host) {
            return base[host] + taken.getAndIncrement(host) * SLOT_MINUTES * 60L;
        }

        /** The first slot of this host that no request has asked for yet. */
        long firstUnasked(int host) {
            return base[host] + taken.get(host) * SLOT_MINUTES * 60L;
        }
    }

    /** C clients booking for a while; what they saw. */
    static final class Phase {
        final List<Host> hosts;
        final Slots slots;
        final int clients;
        final double seconds;
        final double rate;
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> findings = new ConcurrentLinkedQueue<>();
        final AtomicInteger findingCount = new AtomicInteger();
        final AtomicLong maxSendLag = new AtomicLong();
        long backlog; // open loop: bookings due before the end that no client got to send
        final List<long[]> latencyParts = new ArrayList<>();
        final List<long[]> serviceParts = new ArrayList<>();
        double elapsed;

        Phase(List<Host> hosts, Slots slots, int clients, double seconds, double rate) {
            this.hosts = hosts;
            this.slots = slots;
            this.clients = clients;
            this.seconds = seconds;
            this.rate = rate;
        }

        Phase run() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            AtomicLong ticket = new AtomicLong();
            long period = rate > 0 ? (long) (1e9 / rate) : 0;
            long t0 = System.nanoTime() + 50_000_000L; // every client ready before the first booking is due
            long end = t0 + (long) (seconds * 1e9);
            List<Future<long[][]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    LongList latency = new LongList();
                    LongList service = new LongList();
                    long n = 0;
                    while (true) {
                        long due;
                        if (period > 0) {
                            due = t0 + ticket.getAndIncrement() * period;
                            if (due >= end || System.nanoTime() >= end) {
                                break; // bookings still due when the time is up are the backlog, not sent
                            }
                            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                                LockSupport.parkNanos(wait);
                            }
                        } else {
                            while (System.nanoTime() < t0) {
                                LockSupport.parkNanos(t0 - System.nanoTime());
                            }
                            due = System.nanoTime();
                            if (due >= end) {
                                break;
                            }
                        }
                        int h = ThreadLocalRandom.current().nextInt(hosts.size());
                        Host host = hosts.get(h);
                        String body = "{\"hostId\":\"" + host.hostId + "\",\"start\":\"" + Instant.ofEpochSecond(slots.next(h))
                                + "\",\"attendee\":{\"name\":\"Bench " + client + "\",\"email\":\"c" + client + "-" + (n++)
                                + "@example.com\",\"timeZone\":\"UTC\"}}";
                        long sent = System.nanoTime();
                        maxSendLag.accumulateAndGet(sent - due, Math::max);
                        int status;
                        String answer;
                        try {
                            HttpResponse<String> response = send("POST", COMMAND + "/api/bookings", host.key, body);
                            status = response.statusCode();
                            answer = response.body();
                        } catch (IOException e) {
                            status = -1; // no HTTP answer at all
                            answer = e.toString();
                        }
                        long done = System.nanoTime();
                        latency.add(done - due);
                        service.add(done - sent);
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        if (status != 201 && findingCount.getAndIncrement() < SHOW_BODIES) {
                            findings.add((status < 0 ? "no answer" : Integer.toString(status)) + " " + answer);
                        }
                    }
                    return new long[][] {latency.toArray(), service.toArray()};
                }));
            }
            for (Future<long[][]> result : results) {
                long[][] parts = result.get();
                latencyParts.add(parts[0]);
                serviceParts.add(parts[1]);
            }
            elapsed = (System.nanoTime() - t0) / 1e9;
            if (period > 0) {
                backlog = Math.max(0, (end - t0 + period - 1) / period - requests());
            }
            pool.shutdown();
            return this;
        }

        long count(int status) {
            AtomicLong n = statuses.get(status);
            return n == null ? 0 : n.get();
        }

        long requests() {
            return statuses.values().stream().mapToLong(AtomicLong::get).sum();
        }

        String statusLine() {
            StringBuilder line = new StringBuilder();
            new TreeMap<>(statuses).forEach((status, n) -> line.append(line.length() == 0 ? "" : ", ")
                    .append(status < 0 ? "no answer" : status).append(" x ").append(n.get()));
            return line.length() == 0 ? "none" : line.toString();
        }

        long[] latencies() {
            return merged(latencyParts);
        }

        long[] serviceTimes() {
            return merged(serviceParts);
        }

        static long[] merged(List<long[]> parts) {
            long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            return all;
        }
    }

    static final class LongList {
        long[] values = new long[4096];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    // ---------------------------------------------------------------------- hosts and their state file

    static Host register(String admin, String name) throws Exception {
        HttpResponse<String> registered = send("POST", COMMAND + "/api/hosts", admin,
                "{\"name\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"timeZone\":\"UTC\"}");
        check(registered, 201);
        Host host = new Host(name, field(registered.body(), "hostId"), field(registered.body(), "apiKey"));
        check(send("PUT", COMMAND + "/api/hosts/" + host.hostId + "/schedule", host.key, "{\"timeZone\":\"UTC\",\"slotMinutes\":"
                + SLOT_MINUTES + ",\"minimumNoticeMinutes\":0,\"horizonDays\":" + HORIZON_DAYS + ",\"weeklyHours\":{"
                + String.join(",", Arrays.stream(java.time.DayOfWeek.values())
                .map(d -> "\"" + d + "\":[{\"start\":\"00:00\",\"end\":\"24:00\"}]").toList()) + "}}"), 200);
        return host;
    }

    /** A remembered host is reused only if its key still opens its own bookings (same database, host still there). */
    static boolean keyWorks(Host host) throws Exception {
        return send("GET", QUERY + "/api/hosts/" + host.hostId + "/bookings?limit=1", host.key, null).statusCode() == 200;
    }

    /** `.bookwise/bench/BookingBench-<prefix>.hosts`: "# clean|running", then "name hostId key nextFreeEpochSecond". */
    static final class State {
        record Entry(Host host, long nextFree) {
        }

        final Map<String, Entry> hosts = new ConcurrentHashMap<>();
        boolean clean = true;

        static State load(Path file) throws IOException {
            State state = new State();
            if (!Files.exists(file)) {
                return state;
            }
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("#")) {
                    state.clean = !line.contains("running");
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (f.length == 4) {
                    state.hosts.put(f[0], new Entry(new Host(f[0], f[1], f[2]), Long.parseLong(f[3])));
                }
            }
            if (!state.clean) {
                // the run died without saving how far it got: skip well past anything it can have booked
                System.out.println("note: the last run with this prefix did not finish; its hosts' slots leap 30 days ahead");
                state.hosts.replaceAll((name, e) -> new Entry(e.host, e.nextFree + 30L * 86_400));
            }
            return state;
        }

        synchronized void save(Path file, List<Host> current, Slots slots, boolean clean) {
            Map<String, Entry> all = new TreeMap<>(hosts);
            for (int i = 0; i < current.size(); i++) {
                Host host = current.get(i);
                if (host == null) {
                    continue; // not registered (a failed setup)
                }
                all.put(host.name, new Entry(host, slots.firstUnasked(i)));
            }
            StringBuilder text = new StringBuilder(clean ? "# clean\n" : "# running\n");
            all.values().forEach(e -> text.append(e.host.name).append(' ').append(e.host.hostId).append(' ')
                    .append(e.host.key).append(' ').append(e.nextFree).append('\n'));
            try {
                Files.createDirectories(file.getParent());
                Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(temporary, text);
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------------- the server's own histogram

    /** The command side's cumulative histogram of POST /api/bookings: per status, bucket upper bound (s) to count. */
    static TreeMap<String, TreeMap<Double, Long>> serverBuckets() throws Exception {
        TreeMap<String, TreeMap<Double, Long>> byStatus = new TreeMap<>();
        Matcher m = Pattern.compile("http_server_requests_seconds_bucket\\{([^}]*)} ([0-9.Ee+-]+)")
                .matcher(send("GET", COMMAND + "/actuator/prometheus", null, null).body());
        while (m.find()) {
            String labels = m.group(1);
            Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(labels);
            Matcher status = Pattern.compile("status=\"([^\"]+)\"").matcher(labels);
            if (labels.contains("uri=\"/api/bookings\"") && labels.contains("method=\"POST\"") && le.find() && status.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.MAX_VALUE : Double.parseDouble(le.group(1));
                byStatus.computeIfAbsent(status.group(1), s -> new TreeMap<>())
                        .merge(bound, (long) Double.parseDouble(m.group(2)), Long::sum);
            }
        }
        return byStatus;
    }

    static void reportServer(TreeMap<String, TreeMap<Double, Long>> before, TreeMap<String, TreeMap<Double, Long>> after) {
        TreeMap<Double, Long> all = new TreeMap<>();
        StringBuilder counts = new StringBuilder();
        after.forEach((status, buckets) -> {
            TreeMap<Double, Long> earlier = before.getOrDefault(status, new TreeMap<>());
            buckets.forEach((le, n) -> all.merge(le, n - earlier.getOrDefault(le, 0L), Long::sum));
            long n = buckets.lastEntry().getValue() - earlier.getOrDefault(Double.MAX_VALUE, 0L);
            if (n > 0) {
                counts.append(counts.length() == 0 ? "" : ", ").append(status).append(" x ").append(n);
            }
        });
        long total = all.isEmpty() ? 0 : all.lastEntry().getValue();
        if (total == 0) {
            System.out.println("server: no POST /api/bookings in the command side's histogram");
            return;
        }
        StringBuilder line = new StringBuilder("server (command side, POST /api/bookings, " + counts + "):");
        for (double p : new double[] {0.50, 0.95, 0.99}) {
            double bound = all.entrySet().stream().filter(e -> e.getValue() >= Math.ceil(p * total)).findFirst()
                    .orElseThrow().getKey();
            line.append(String.format(" p%d %s", Math.round(p * 100),
                    bound == Double.MAX_VALUE ? "> largest bucket" : String.format("<= %.2f ms", bound * 1000)));
            line.append(p < 0.99 ? "," : " (histogram bucket bounds)");
        }
        System.out.println(line);
    }

    // ---------------------------------------------------------------------- helpers

    /** Bare values fill the positional names in order; name=value sets any. */
    static Map<String, String> settings(String[] args, String[] positional, Map<String, String> defaults) {
        Map<String, String> settings = new TreeMap<>(defaults);
        int next = 0;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                String name = arg.substring(0, eq);
                if (!defaults.containsKey(name)) {
                    throw new IllegalArgumentException("unknown setting " + name + "; known: " + defaults.keySet());
                }
                settings.put(name, arg.substring(eq + 1));
            } else if (next < positional.length) {
                settings.put(positional[next++], arg);
            } else {
                throw new IllegalArgumentException("too many bare arguments; use name=value for " + defaults.keySet());
            }
        }
        return settings;
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static HttpResponse<String> send(String method, String url, String key, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
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
