package dev.bookwise.query.live;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open connection (an SSE stream or a socket): a bounded queue of messages that the shared
 * sender threads write, one message at a time per connection. Whoever queues a message (the change
 * follower, a request thread) never writes to the network itself, so a client that reads slowly
 * delays only its own messages; when its queue is full it is closed instead of buffered for.
 */
abstract class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    enum Kind {
        SLOTS,
        ERROR,
        KEEP_ALIVE
    }

    /**
     * A message to write.
     *
     * @param position for slots, the store position the list reflects
     * @param changedAt for slots sent after a change, when the earliest change it carries was committed
     *     (null for the first list)
     */
    record Outgoing(Kind kind, String text, long position, Instant changedAt, long queuedAt) {
        static final Outgoing KEEP_ALIVE = new Outgoing(Kind.KEEP_ALIVE, null, -1, null, 0);

        Outgoing(Kind kind, String text, long position, Instant changedAt) {
            this(kind, text, position, changedAt, System.nanoTime());
        }
    }

    final String transport;
    final String address;
    private final LiveConnections connections;
    private final BlockingQueue<Outgoing> queue;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    Outbox(LiveConnections connections, String transport, String address, int capacity) {
        this.connections = connections;
        this.transport = transport;
        this.address = address;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues a message; false when the connection is closed, or has just been closed for reading too slowly. */
    final boolean send(Outgoing message) {
        if (closed.get()) {
            return false;
        }
        if (!queue.offer(message)) {
            log.info("live {} connection of {} dropped: it reads too slowly", transport, address);
            connections.droppedSlow(this);
            close();
            return false;
        }
        wake();
        return true;
    }

    /** A comment or ping when nothing is waiting: keeps proxies from closing an idle connection, finds dead ones. */
    final void keepAlive() {
        if (queue.isEmpty()) {
            send(Outgoing.KEEP_ALIVE);
        }
    }

    final boolean isOpen() {
        return !closed.get();
    }

    private void wake() {
        if (draining.compareAndSet(false, true)) {
            try {
                connections.senders().execute(this::drain);
            } catch (RejectedExecutionException e) {
                // shutting down
                draining.set(false);
                close();
            }
        }
    }

    private void drain() {
        try {
            Outgoing next;
            while (!closed.get() && (next = queue.poll()) != null) {
                write(next);
                connections.written(this, next);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("live {} connection of {} is gone: {}", transport, address, e.toString());
            close();
        } finally {
            draining.set(false);
        }
        if (!closed.get() && !queue.isEmpty()) {
            wake();
        }
    }

    /**
     * Closes once, from either side: forgets the subscriptions and frees the address's place at once;
     * ends the transport on a sender thread, as that may wait for a write in progress.
     */
    final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.clear();
        try {
            forget();
        } finally {
            connections.release(this);
        }
        try {
            connections.senders().execute(this::endQuietly);
        } catch (RejectedExecutionException e) {
            endQuietly();
        }
    }

    private void endQuietly() {
        try {
            end();
        } catch (RuntimeException e) {
            log.debug("ending a live {} connection of {}: {}", transport, address, e.toString());
        }
    }

    /** Writes one message to the network (called by one sender thread at a time). */
    abstract void write(Outgoing message) throws IOException;

    /** Unsubscribes everything the connection subscribed to. */
    abstract void forget();

    /** Ends the transport (nothing when the client has already gone). */
    abstract void end();
}
