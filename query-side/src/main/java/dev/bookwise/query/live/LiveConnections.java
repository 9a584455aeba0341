package dev.bookwise.query.live;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every open live connection: the per-address limit, the sender threads that write them, the one
 * keep-alive timer for all of them, and their metrics. Stopped before the web server's graceful
 * shutdown, so that open streams end at once instead of holding the shutdown for its whole timeout.
 */
@Component
class LiveConnections implements SmartLifecycle {

    static final String SSE = "sse";
    static final String SOCKET = "ws";

    private static final Logger log = LoggerFactory.getLogger(LiveConnections.class);

    private final LiveProperties properties;
    private final LiveStages stages;
    private final Set<Outbox> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final Map<String, Meters> meters;
    private final ExecutorService senders;
    private final ScheduledExecutorService keepAlive;
    private volatile boolean running;

    /** One transport's meters. */
    private record Meters(AtomicInteger open, Counter messages, Counter dropped, Timer lag) {}

    LiveConnections(LiveProperties properties, LiveStages stages, MeterRegistry registry) {
        this.properties = properties;
        this.stages = stages;
        this.meters = Map.of(SSE, meters(registry, SSE), SOCKET, meters(registry, SOCKET));
        this.senders = Executors.newFixedThreadPool(properties.senderThreads(), daemon("live-sender-"));
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(daemon("live-keep-alive-"));
    }

    private static Meters meters(MeterRegistry registry, String transport) {
        AtomicInteger open = new AtomicInteger();
        Gauge.builder("bookwise.live.connections", open, AtomicInteger::get)
                .description("Open live availability connections")
                .tag("transport", transport)
                .register(registry);
        return new Meters(
                open,
                Counter.builder("bookwise.live.messages")
                        .description("Slots messages written to live connections")
                        .tag("transport", transport)
                        .register(registry),
                Counter.builder("bookwise.live.dropped")
                        .description("Live connections closed because they read too slowly")
                        .tag("transport", transport)
                        .register(registry),
                Timer.builder("bookwise.live.lag")
                        .description("From the commit of a change to the write of the slots it changed")
                        .tag("transport", transport)
                        .publishPercentileHistogram()
                        .register(registry));
    }

    static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Takes one of the address's places, or refuses with 429 {@code rate-limited}: each open stream
     * holds a thread's worth of nothing but a socket, yet a client opening thousands would still
     * exhaust file descriptors and every host's recomputations.
     */
    void acquire(String address) {
        if (!tryAcquire(address)) {
            throw new BookwiseException(ErrorCode.RATE_LIMITED, atLimit());
        }
    }

    boolean tryAcquire(String address) {
        boolean[] taken = {false};
        perAddress.compute(address, (a, count) -> {
            int now = count == null ? 0 : count;
            if (now >= properties.maxConnectionsPerAddress()) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Whether the address holds all its places (a socket's handshake is refused then). */
    boolean full(String address) {
        return perAddress.getOrDefault(address, 0) >= properties.maxConnectionsPerAddress();
    }

    String atLimit() {
        return "at most " + properties.maxConnectionsPerAddress()
                + " live availability connections per client address; close one first";
    }

    /** Gives back a place taken with {@link #acquire} for a connection that was never opened. */
    void giveBack(String address) {
        perAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    /** Registers a connection whose place was taken. */
    void opened(Outbox outbox) {
        open.add(outbox);
        meters.get(outbox.transport).open().incrementAndGet();
        if (!running) {
            outbox.close();
        }
    }

    void release(Outbox outbox) {
        if (open.remove(outbox)) {
            meters.get(outbox.transport).open().decrementAndGet();
        }
        giveBack(outbox.address);
    }

    void written(Outbox outbox, Outbox.Outgoing message) {
        if (message.kind() != Outbox.Kind.SLOTS) {
            return;
        }
        Meters transport = meters.get(outbox.transport);
        transport.messages().increment();
        if (message.changedAt() != null) {
            transport.lag().record(Duration.between(message.changedAt(), Instant.now()));
            stages.send(System.nanoTime() - message.queuedAt());
        }
    }

    void droppedSlow(Outbox outbox) {
        meters.get(outbox.transport).dropped().increment();
    }

    ExecutorService senders() {
        return senders;
    }

    @Override
    public void start() {
        running = true;
        long every = properties.keepAlive().toMillis();
        keepAlive.scheduleAtFixedRate(
                () -> {
                    for (Outbox outbox : open) {
                        outbox.keepAlive();
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        keepAlive.shutdownNow();
        List<Outbox> closing = List.copyOf(open);
        if (!closing.isEmpty()) {
            log.info("closing {} live availability connections", closing.size());
        }
        closing.forEach(Outbox::close);
        senders.shutdown();
        try {
            senders.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
