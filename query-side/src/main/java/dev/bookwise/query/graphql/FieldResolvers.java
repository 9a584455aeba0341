package dev.bookwise.query.graphql;

import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.teams.TeamMember;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.query.audit.AuditReads;
import dev.bookwise.query.booking.BookingView;
import dev.bookwise.query.calendar.Schedules;
import dev.bookwise.query.eventtype.EventTypeView;
import dev.bookwise.query.eventtype.EventTypes;
import dev.bookwise.query.graphql.Nodes.EventTypeNode;
import dev.bookwise.query.graphql.Nodes.HostNode;
import dev.bookwise.query.graphql.Nodes.TeamNode;
import dev.bookwise.query.graphql.Nodes.WeeklyHours;
import dev.bookwise.query.host.HostRepository;
import dev.bookwise.query.team.TeamEventTypeView;
import dev.bookwise.query.team.TeamRepository;
import dev.bookwise.web.auth.Caller;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * The fields that read more than their parent holds. A booking's type, host and team are loaded for
 * every booking of an answer at once (a page of 100 bookings costs the same few queries as one).
 * Whoever may read a booking may read these; a team's members need the team's key, as its bookings do.
 */
@Controller
class FieldResolvers {

    private static final String TEAM_MEMBERS = "teamMembers";

    private final EventTypes eventTypes;
    private final Schedules schedules;
    private final HostRepository hosts;
    private final TeamRepository teams;

    FieldResolvers(
            EventTypes eventTypes,
            Schedules schedules,
            HostRepository hosts,
            TeamRepository teams,
            BatchLoaderRegistry loaders) {
        this.eventTypes = eventTypes;
        this.schedules = schedules;
        this.hosts = hosts;
        this.teams = teams;
        loaders.<UUID, List<TeamMember>>forName(TEAM_MEMBERS)
                .registerMappedBatchLoader((teamIds, environment) -> Mono.fromSupplier(() -> teams.members(teamIds)));
    }

    /**
     * The booked type as it is now, for every booking at once: a team's type from the team's types, a
     * host's default type from its default schedule, any other from the host's defined types; one
     * query for each kind present, none per booking.
     */
    @BatchMapping(typeName = "Booking", field = "eventType")
    Map<BookingView, EventTypeNode> eventType(List<BookingView> bookings) {
        Set<UUID> teamTypes = new HashSet<>();
        Set<UUID> definedTypes = new HashSet<>();
        Set<UUID> defaultTypeHosts = new HashSet<>();
        for (BookingView booking : bookings) {
            if (booking.teamId() != null) {
                teamTypes.add(booking.eventTypeId());
            } else if (booking.eventTypeId().equals(EventType.defaultIdFor(booking.hostId()))) {
                defaultTypeHosts.add(booking.hostId());
            } else {
                definedTypes.add(booking.eventTypeId());
            }
        }
        Map<UUID, TeamRepository.KnownType> ofTeams = teams.eventTypesById(teamTypes);
        Map<UUID, EventTypes.Known> defined = eventTypes.defined(definedTypes);
        Map<UUID, Schedule> defaults = schedules.defaultOrInitial(defaultTypeHosts);
        Map<BookingView, EventTypeNode> types = new HashMap<>();
        for (BookingView booking : bookings) {
            EventTypeNode type = null;
            if (booking.teamId() != null) {
                TeamRepository.KnownType known = ofTeams.get(booking.eventTypeId());
                type = known == null ? null : EventTypeNode.of(TeamEventTypeView.of(known));
            } else if (defaults.containsKey(booking.hostId())
                    && booking.eventTypeId().equals(EventType.defaultIdFor(booking.hostId()))) {
                type = EventTypeNode.of(EventTypeView.of(new EventTypes.Known(
                        EventType.defaultFor(booking.eventTypeId(), defaults.get(booking.hostId())), false)));
            } else {
                EventTypes.Known known = defined.get(booking.eventTypeId());
                type = known == null ? null : EventTypeNode.of(EventTypeView.of(known));
            }
            if (type != null) {
                types.put(booking, type);
            }
        }
        return types;
    }

    @BatchMapping(typeName = "Booking", field = "host")
    Map<BookingView, HostNode> host(List<BookingView> bookings) {
        Map<UUID, String> zones = hosts.timeZones(
                bookings.stream().map(BookingView::hostId).collect(java.util.stream.Collectors.toSet()));
        Map<BookingView, HostNode> found = new HashMap<>();
        for (BookingView booking : bookings) {
            String zone = zones.get(booking.hostId());
            if (zone != null) {
                found.put(booking, new HostNode(booking.hostId(), zone));
            }
        }
        return found;
    }

    /** Null for a booking of a host's own type. */
    @BatchMapping(typeName = "Booking", field = "team")
    Map<BookingView, TeamNode> team(List<BookingView> bookings) {
        Set<UUID> teamIds = new HashSet<>();
        bookings.stream()
                .map(BookingView::teamId)
                .filter(java.util.Objects::nonNull)
                .forEach(teamIds::add);
        Map<UUID, String> names = teams.names(teamIds);
        Map<BookingView, TeamNode> found = new HashMap<>();
        for (BookingView booking : bookings) {
            String name = booking.teamId() == null ? null : names.get(booking.teamId());
            if (name != null) {
                found.put(booking, new TeamNode(booking.teamId(), name));
            }
        }
        return found;
    }

    /** The team's key or the admin key, as for the team's bookings. */
    @SchemaMapping(typeName = "Team", field = "members")
    CompletableFuture<List<TeamMember>> members(
            TeamNode team,
            @ContextValue(name = CallerContext.CALLER, required = false) Caller caller,
            DataLoader<UUID, List<TeamMember>> teamMembers) {
        CallerContext.required(caller).requireTeam(team.teamId());
        return teamMembers.load(team.teamId()).thenApply(members -> members == null ? List.of() : members);
    }

    @SchemaMapping(typeName = "Schedule", field = "weeklyHours")
    List<WeeklyHours> weeklyHours(Schedule schedule) {
        return schedule.weeklyHours().entrySet().stream()
                .map(day -> new WeeklyHours(day.getKey().name(), day.getValue()))
                .toList();
    }

    @SchemaMapping(typeName = "CalendarAsOf", field = "eventTypes")
    List<EventTypeNode> calendarEventTypes(AuditReads.CalendarAsOf calendar) {
        return calendar.eventTypes().stream().map(EventTypeNode::of).toList();
    }
}
