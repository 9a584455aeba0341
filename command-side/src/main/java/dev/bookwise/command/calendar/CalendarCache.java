package dev.bookwise.command.calendar;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.common.caching.NoCache;

/**
 * Calendars kept in memory between commands, so that a command does not read and replay the
 * calendar's snapshot and the events after it every time.
 * <p>
 * Axon's caching repository trusts its cache: it never asks the store whether a cached calendar
 * is still the latest. Here it is used only when it is. After each committed command this
 * remembers which version (the calendar's last sequence number) the cache now holds; before the
 * next command on that host, under the host's lock, it compares that with the last sequence number
 * in the event store (read in the write's first round trip) and drops the cached calendar if they differ or if it does not know. That
 * covers everything else that can append to a calendar (another command-side instance, a deadline
 * on this one) and a transaction that rolled back after Axon had updated the cache: a calendar
 * that is not the store's latest would refuse a booking the store would allow.
 */
public final class CalendarCache implements AutoCloseable {

    private final Cache cache;
    private final com.github.benmanes.caffeine.cache.Cache<UUID, Long> versions;
    private final CacheManager manager;
    private final String name;

    private CalendarCache(Cache cache, int size, CacheManager manager, String name) {
        this.cache = cache;
        this.versions = Caffeine.newBuilder().maximumSize(Math.max(1, size)).build();
        this.manager = manager;
        this.name = name;
    }

    /** A cache of at most {@code size} calendars; none if {@code size} is 0. */
    public static CalendarCache of(int size) {
        if (size <= 0) {
            return new CalendarCache(NoCache.INSTANCE, 0, null, null);
        }
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(size));
        // the calendar objects themselves: JCache's default would copy them through serialization
        configuration.setStoreByValue(false);
        CacheManager manager = Caching.getCachingProvider(CaffeineCachingProvider.class.getName())
                .getCacheManager();
        String name = "host-calendars-" + UUID.randomUUID();
        return new CalendarCache(new JCacheAdapter(manager.createCache(name, configuration)), size, manager, name);
    }

    /** The cache the calendar repository reads and writes. */
    public Cache axonCache() {
        return cache;
    }

    /**
     * Before a command on the host, holding its lock: keeps the cached calendar only if it is the latest.
     *
     * @param lastSequence the calendar's last sequence number in the store, read under the lock (null: none)
     */
    public void beforeCommand(UUID hostId, Long lastSequence) {
        if (hostId == null) {
            return;
        }
        Long cached = versions.getIfPresent(hostId);
        if (cached == null || !Objects.equals(cached, lastSequence)) {
            forget(hostId);
        } else {
            // in flight until committed() says which version the cache holds: a writer that gets the
            // host's lock before then (this one's transaction failed, and it has not yet dropped the
            // calendar it changed) finds no version and reads the calendar from the store
            versions.invalidate(hostId);
        }
    }

    /**
     * After the command's transaction committed; {@code lastSequence} is the calendar's last
     * sequence number read in that transaction, or null when the command did not succeed.
     */
    public void committed(UUID hostId, Long lastSequence) {
        if (hostId == null) {
            return;
        }
        if (lastSequence == null) {
            forget(hostId);
        } else {
            versions.put(hostId, lastSequence);
        }
    }

    /** Drops what is cached of the host's calendar (its transaction failed, or its version is unknown). */
    public void forget(UUID hostId) {
        versions.invalidate(hostId);
        cache.remove(hostId.toString());
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.destroyCache(name);
        }
    }
}
