package dev.bookwise.system;

import dev.bookwise.testsupport.Api;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Clients booking distinct free slots as fast as they can (each client owns some hosts, so no two
 * clients ever ask for one slot), each request with an Idempotency-Key, as a careful client would.
 * It records what each request got: a 201 (acknowledged), another answer, or no answer at all
 * (connection refused or reset: the outcome is unknown to the client).
 */
final class BookingLoad implements AutoCloseable {

    /** One booking request; {@code bookingId} is set when it was acknowledged. */
    record Attempt(BookWise.Host host, Instant start, String idempotencyKey, String body) {}

    final Map<Attempt, String> acknowledged = new ConcurrentHashMap<>();
    final Queue<Attempt> unanswered = new ConcurrentLinkedQueue<>();
    /**
     * Answered 503: the server could not finish, and when the database went away during the commit
     * it cannot know whether the commit happened. A careful client retries these with the same key.
     */
    final Queue<Attempt> unavailable = new ConcurrentLinkedQueue<>();
    /** Retries answered as a replay of an earlier, already committed attempt. */
    final AtomicInteger replayed = new AtomicInteger();

    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    /** The longest wait for an answer, in milliseconds. */
    final AtomicLong slowest = new AtomicLong();

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> clients = new ArrayList<>();

    /**
     * @param target  which command side each request goes to (may change while the load runs)
     * @param pause   pause between one client's requests (0: as fast as it can)
     */
    BookingLoad(List<BookWise.Host> hosts, int clientCount, Supplier<Api> target, Duration pause) {
        Instant firstSlot = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS);
        for (int c = 0; c < clientCount; c++) {
            int client = c;
            Thread thread = new Thread(
                    () -> {
                        int n = 0;
                        while (running.get()) {
                            BookWise.Host host =
                                    hosts.get((client + clientCount * (n % Math.max(1, hosts.size() / clientCount)))
                                            % hosts.size());
                            Instant start = firstSlot.plus(
                                    Duration.ofMinutes(30L * (n / Math.max(1, hosts.size() / clientCount))));
                            n++;
                            String body = Api.json(Map.of(
                                    "hostId",
                                    host.id(),
                                    "start",
                                    start.toString(),
                                    "attendee",
                                    Map.of("name", "Client " + client, "email", "client" + client + "@example.com")));
                            Attempt attempt = new Attempt(host, start, BookWise.randomKey(), body);
                            if (send(target.get(), attempt) < 0) {
                                AppProcess.sleep(200); // no answer: the server is away; don't spin
                            } else if (!pause.isZero()) {
                                AppProcess.sleep(pause.toMillis());
                            }
                        }
                    },
                    "booking-client-" + client);
            thread.setDaemon(true);
            clients.add(thread);
        }
    }

    BookingLoad start() {
        clients.forEach(Thread::start);
        return this;
    }

    /** Sends one attempt and records its outcome; returns the status, or -1 when no answer came. */
    int send(Api api, Attempt attempt) {
        Api.Response response;
        long started = System.nanoTime();
        try {
            response = api.post(
                    "/api/bookings", attempt.host().key(), attempt.body(), "Idempotency-Key", attempt.idempotencyKey());
        } catch (RuntimeException noAnswer) {
            unanswered.add(attempt);
            return -1;
        }
        slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
        statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
        if (response.status() == 201) {
            acknowledged.put(attempt, response.text("bookingId"));
            if ("true".equals(response.header("Idempotent-Replayed"))) {
                replayed.incrementAndGet();
            }
        } else if (response.status() == 503) {
            unavailable.add(attempt);
        }
        if (response.status() != 201 && unexpected.size() < 20) {
            unexpected.add(response.toString());
        }
        return response.status();
    }

    /** Stops the clients and waits for their last requests. */
    void stop() {
        running.set(false);
        for (Thread client : clients) {
            try {
                client.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    int count(int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    int answeredOtherThan(int status) {
        return statuses.entrySet().stream()
                .filter(e -> e.getKey() != status)
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    @Override
    public void close() {
        stop();
    }
}
