package dev.bookwise.query.live;

import dev.bookwise.query.availability.AvailabilityReads;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every subscription to the same query, computed once per change for all of them. Identity
 * equality: topics are kept in sets while their subscriptions come and go.
 */
final class Topic {

    final AvailabilityReads.Params params;
    /** The host whose changes alter it (null for a team's). */
    final UUID host;
    /** The team whose changes, and whose members' changes, alter it (null for a host's). */
    final UUID team;

    final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** A team's members as last read (indexed under each); guarded by the registry's lock. */
    Set<UUID> members = Set.of();

    Topic(AvailabilityReads.Params params, UUID host, UUID team) {
        this.params = params;
        this.host = host;
        this.team = team;
    }

    /** What the topic is indexed under besides its members; null when the query names neither (it fails validation). */
    UUID scope() {
        return team != null ? team : host;
    }
}
