package dev.bookwise.query.live;

import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.events.BookingEvent;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.BusySourceRemoved;
import dev.bookwise.events.EventTypeArchived;
import dev.bookwise.events.EventTypeDefined;
import dev.bookwise.events.ExternalBusyTimesSynced;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.events.TeamCreated;
import dev.bookwise.events.TeamEventTypeArchived;
import dev.bookwise.events.TeamEventTypeDefined;
import dev.bookwise.events.TeamMembersChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one batch of events may have changed: the hosts and teams it touched, each with the commit
 * time of its earliest change in the batch (for the commit-to-send lag).
 */
final class Changes {

    /** The event types that can alter availability; the others (a host registered, a source connected) are not read. */
    static final Set<Class<?>> RELEVANT = Set.of(
            BookingReserved.class,
            dev.bookwise.events.BookingConfirmed.class,
            dev.bookwise.events.BookingCancelled.class,
            dev.bookwise.events.BookingCompleted.class,
            dev.bookwise.events.BookingExpired.class,
            dev.bookwise.events.BookingRescheduled.class,
            dev.bookwise.events.BookingMarkedNoShow.class,
            ScheduleDefined.class,
            AvailabilityWindowMerged.class,
            EventTypeDefined.class,
            EventTypeArchived.class,
            ExternalBusyTimesSynced.class,
            BusySourceRemoved.class,
            TeamCreated.class,
            TeamMembersChanged.class,
            TeamEventTypeDefined.class,
            TeamEventTypeArchived.class);

    private final Map<UUID, Instant> touched = new HashMap<>();
    private final Set<UUID> teams = new HashSet<>();
    private final Map<UUID, Instant> laterBookingEvents = new HashMap<>();

    /** Notes what {@code event}, committed at {@code at}, touched. */
    void add(Object event, Instant at) {
        if (event instanceof BookingReserved reserved && reserved.hostIds() != null) {
            // a collective booking occupies every member, whichever member's stream this copy is in
            reserved.hostIds().forEach(member -> touch(member, at));
        } else if (event instanceof BookingEvent booking && !(event instanceof BookingReserved)) {
            // a collective booking's row is under its first member: its later events may be read in another
            // member's stream first, so every member is looked up
            laterBookingEvents.merge(booking.bookingId(), at, Changes::earlier);
        }
        for (UUID scope : scopes(event)) {
            touch(scope, at);
        }
        UUID team = team(event);
        if (team != null) {
            teams.add(team);
            touch(team, at);
        }
    }

    /** The host an event alters the availability of (its team's aside), if any. */
    static List<UUID> scopes(Object event) {
        List<UUID> scopes = new ArrayList<>(1);
        if (event instanceof BookingEvent booking) {
            scopes.add(booking.hostId());
        } else if (event instanceof ScheduleDefined schedule) {
            scopes.add(schedule.hostId());
        } else if (event instanceof AvailabilityWindowMerged window) {
            scopes.add(window.hostId());
        } else if (event instanceof EventTypeDefined type) {
            scopes.add(type.hostId());
        } else if (event instanceof EventTypeArchived type) {
            scopes.add(type.hostId());
        } else if (event instanceof ExternalBusyTimesSynced busy) {
            scopes.add(busy.hostId());
        } else if (event instanceof BusySourceRemoved removed) {
            scopes.add(removed.hostId());
        }
        return scopes;
    }

    /** The team an event changes (its members or types), if any. */
    static UUID team(Object event) {
        if (event instanceof TeamCreated created) {
            return created.teamId();
        } else if (event instanceof TeamMembersChanged members) {
            return members.teamId();
        } else if (event instanceof TeamEventTypeDefined type) {
            return type.teamId();
        } else if (event instanceof TeamEventTypeArchived type) {
            return type.teamId();
        }
        return null;
    }

    void touch(UUID scope, Instant at) {
        touched.merge(scope, at, Changes::earlier);
    }

    boolean isEmpty() {
        return touched.isEmpty() && laterBookingEvents.isEmpty();
    }

    /** Hosts and teams touched, with the commit time of their earliest change. */
    Map<UUID, Instant> touched() {
        return touched;
    }

    /** Teams whose members or types changed: their topics' members are read again. */
    Set<UUID> teams() {
        return teams;
    }

    /** Bookings with events after their reservation, with the earliest one's commit time. */
    Map<UUID, Instant> laterBookingEvents() {
        return laterBookingEvents;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
