package dev.bookwise.command.execution;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Writers of one host queue here, in this process, before they take a database connection.
 * <p>
 * Writes to one host are serialised anyway (the host's PostgreSQL advisory lock, and its event
 * stream); without this gate each waiting request would hold a pooled connection while it waits
 * for that lock, so a burst for one host (a thousand attendees after the same slot) would drain the
 * pool and time out other hosts' requests and its own. Here they wait without a connection, in
 * arrival order. Hosts map onto a fixed set of fair locks, so memory stays bounded; two hosts that
 * share a stripe only queue behind each other in this process. A reservation's expiry firing takes
 * its host's turn too ({@link DeadlineWrites}): commands leave the cached calendar changed before
 * they commit, and only this gate keeps another writer here from using it in between.
 */
@Component
final class HostGate {

    private final ReentrantLock[] stripes;
    private final Duration patience;

    HostGate() {
        this(4096, Duration.ofSeconds(30));
    }

    HostGate(int stripes, Duration patience) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock(true);
        }
        this.patience = patience;
    }

    <T> T run(UUID hostId, Supplier<T> work) {
        if (hostId == null) {
            return work.get();
        }
        Runnable release = enter(hostId);
        try {
            return work.get();
        } finally {
            release.run();
        }
    }

    /**
     * Waits for the host's turn in this process; the returned action ends it, on the same thread.
     * For writes that do not run inside {@link #run} (a deadline firing in Axon's unit of work).
     */
    Runnable enter(UUID hostId) {
        ReentrantLock lock = stripes[Math.floorMod(hostId.hashCode(), stripes.length)];
        try {
            if (!lock.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BookwiseException(
                        ErrorCode.SERVICE_UNAVAILABLE, "too many concurrent writes for this host; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BookwiseException(ErrorCode.SERVICE_UNAVAILABLE, "interrupted while waiting to write; retry");
        }
        return lock::unlock;
    }
}
