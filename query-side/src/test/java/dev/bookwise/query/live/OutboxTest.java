package dev.bookwise.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's queue is bounded: a client that stops reading is closed, and its place freed. */
class OutboxTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LiveConnections connections = new LiveConnections(
            new LiveProperties(1, 25, 2, Duration.ofSeconds(15), 1, 1), new LiveStages(meters), meters);

    @AfterEach
    void stop() {
        connections.stop();
    }

    @Test
    void aClientThatReadsTooSlowlyIsDroppedNotBufferedFor() throws InterruptedException {
        connections.start();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        AtomicBoolean forgotten = new AtomicBoolean();
        Outbox outbox = new Outbox(connections, LiveConnections.SSE, "192.0.2.1", 2) {
            @Override
            void write(Outgoing message) throws IOException {
                writing.countDown();
                try {
                    stuck.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }

            @Override
            void forget() {
                forgotten.set(true);
            }

            @Override
            void end() {}
        };
        assertThat(connections.tryAcquire("192.0.2.1")).isTrue();
        assertThat(connections.tryAcquire("192.0.2.1"))
                .as("one place per address here")
                .isFalse();
        connections.opened(outbox);

        assertThat(outbox.send(slots(1))).isTrue();
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        // the writer is stuck on the first message: two more fill the queue, the next drops the client
        assertThat(outbox.send(slots(2))).isTrue();
        assertThat(outbox.send(slots(3))).isTrue();
        assertThat(outbox.send(slots(4))).isFalse();

        assertThat(outbox.isOpen()).isFalse();
        assertThat(forgotten).isTrue();
        assertThat(meters.get("bookwise.live.dropped")
                        .tag("transport", "sse")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(connections.tryAcquire("192.0.2.1"))
                .as("the place is free again")
                .isTrue();
        stuck.countDown();
    }

    private static Outbox.Outgoing slots(long position) {
        return new Outbox.Outgoing(Outbox.Kind.SLOTS, "{}", position, null);
    }
}
