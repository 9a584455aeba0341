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
    /** The answer last computed, which subscriptions keep as the list they were sent. */
    private Answer latest;

    Topic(AvailabilityReads.Params params, UUID host, UUID team) {
        this.params = params;
        this.host = host;
        this.team = team;
    }

    /**
     * The answer last computed if it has the same body, otherwise {@code answer}, now the latest: its
     * subscriptions then hold one copy of a list (some 33 KB for a week of half-hours) instead of one each.
     */
    synchronized Answer share(Answer answer) {
        if (latest != null && latest.body().equals(answer.body())) {
            return latest;
        }
        latest = answer;
        return answer;
    }

    /** What the topic is indexed under besides its members; null when the query names neither (it fails validation). */
    UUID scope() {
        return team != null ? team : host;
    }
}
