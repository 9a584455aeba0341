package dev.bookwise.query.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The live webhook subscriptions in memory, by host and by team, without their secrets: the fan-out decides
 * which subscriptions an event goes to without a database round trip per event. {@link #refresh()}
 * reads only the subscriptions made or deleted since the last change it saw (one query, which
 * finds nothing while no subscription changes), so every instance sees every instance's changes.
 */
final class SubscriptionDirectory {

    /** What the fan-out and the dispatcher need of a subscription. */
    record Entry(UUID id, UUID hostId, UUID teamId, Set<String> events, Instant createdAt, String target) {

        /** Whether this event, which happened at {@code occurredAt}, is one this subscription receives. */
        boolean wants(String eventType, Instant occurredAt) {
            return events.contains(eventType) && !createdAt.isAfter(occurredAt);
        }
    }

    private record Snapshot(
            long version,
            Map<UUID, Entry> byId,
            Map<UUID, List<Entry>> byHost,
            Map<UUID, List<Entry>> byTeam,
            List<Entry> allHosts) {

        static Snapshot of(long version, Map<UUID, Entry> byId) {
            Map<UUID, List<Entry>> byHost = new HashMap<>();
            Map<UUID, List<Entry>> byTeam = new HashMap<>();
            List<Entry> allHosts = new ArrayList<>();
            for (Entry entry : byId.values()) {
                if (entry.teamId() != null) {
                    byTeam.computeIfAbsent(entry.teamId(), t -> new ArrayList<>())
                            .add(entry);
                } else if (entry.hostId() == null) {
                    allHosts.add(entry);
                } else {
                    byHost.computeIfAbsent(entry.hostId(), h -> new ArrayList<>())
                            .add(entry);
                }
            }
            byHost.replaceAll((host, entries) -> List.copyOf(entries));
            byTeam.replaceAll((team, entries) -> List.copyOf(entries));
            return new Snapshot(
                    version, Map.copyOf(byId), Map.copyOf(byHost), Map.copyOf(byTeam), List.copyOf(allHosts));
        }
    }

    private final WebhookSubscriptionRepository subscriptions;
    private volatile Snapshot snapshot = Snapshot.of(-1, Map.of());

    SubscriptionDirectory(WebhookSubscriptionRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** Applies the subscriptions made or deleted since the last refresh. */
    synchronized void refresh() {
        Snapshot current = snapshot;
        // the first time: every change up to the current number is committed, so the live rows read next include them
        long version = current.version() < 0 ? subscriptions.currentVersion() : current.version();
        List<WebhookSubscriptionRepository.Change> changes = subscriptions.changesSince(current.version());
        if (changes.isEmpty() && version == current.version()) {
            return;
        }
        Map<UUID, Entry> byId = new HashMap<>(current.byId());
        for (WebhookSubscriptionRepository.Change change : changes) {
            WebhookSubscription s = change.subscription();
            if (change.deleted()) {
                byId.remove(s.id());
            } else {
                byId.put(
                        s.id(),
                        new Entry(
                                s.id(),
                                s.hostId(),
                                s.teamId(),
                                Set.copyOf(s.events()),
                                s.createdAt(),
                                TargetPolicy.hostAndPort(URI.create(s.url()))));
            }
            version = Math.max(version, change.version());
        }
        snapshot = Snapshot.of(version, byId);
    }

    /**
     * Whether an event of this host could go anywhere: the host has subscriptions, some subscription
     * hears every host, or some team has subscriptions (the event may be of a team booking).
     */
    boolean anyFor(UUID hostId) {
        Snapshot s = snapshot;
        return !s.allHosts().isEmpty()
                || s.byHost().containsKey(hostId)
                || !s.byTeam().isEmpty();
    }

    /**
     * The live subscriptions that receive this event of these hosts (the booking's host, and for a
     * collective booking every member), of a booking made through {@code teamId} (or null), which
     * happened at {@code occurredAt}.
     */
    List<Entry> matching(List<UUID> hostIds, UUID teamId, String eventType, Instant occurredAt) {
        Snapshot s = snapshot;
        List<Entry> matched = new ArrayList<>(0);
        if (teamId != null) {
            for (Entry entry : s.byTeam().getOrDefault(teamId, List.of())) {
                if (entry.wants(eventType, occurredAt)) {
                    matched.add(entry);
                }
            }
        }
        for (UUID hostId : hostIds) {
            for (Entry entry : s.byHost().getOrDefault(hostId, List.of())) {
                if (entry.wants(eventType, occurredAt)) {
                    matched.add(entry);
                }
            }
        }
        for (Entry entry : s.allHosts()) {
            if (entry.wants(eventType, occurredAt)) {
                matched.add(entry);
            }
        }
        return matched;
    }

    Optional<Entry> find(UUID subscriptionId) {
        return Optional.ofNullable(snapshot.byId().get(subscriptionId));
    }
}
