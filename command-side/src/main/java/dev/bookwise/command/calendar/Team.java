package dev.bookwise.command.calendar;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.teams.TeamMember;
import dev.bookwise.calendar.teams.TeamMembers;
import dev.bookwise.commands.ArchiveTeamEventTypeCommand;
import dev.bookwise.commands.ChangeTeamMembersCommand;
import dev.bookwise.commands.CreateTeamCommand;
import dev.bookwise.commands.DefineTeamEventTypeCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.events.TeamCreated;
import dev.bookwise.events.TeamEventTypeArchived;
import dev.bookwise.events.TeamEventTypeDefined;
import dev.bookwise.events.TeamMembersChanged;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A team: its members and the kinds of meeting it offers. It decides nothing about time: a team
 * booking is decided by the members' own calendars ({@link TeamBookings}), with the type and the
 * members this stream names at that moment.
 */
@Aggregate
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Team {

    @AggregateIdentifier
    private UUID teamId;

    private String name;
    private List<TeamMember> members = new ArrayList<>();
    private Map<UUID, TeamEventType> eventTypes = new LinkedHashMap<>();
    private Set<UUID> archived = new HashSet<>();

    protected Team() {}

    @CommandHandler
    Team(CreateTeamCommand command, KnownHosts hosts) {
        List<TeamMember> checked = checkMembers(command.members(), hosts);
        apply(new TeamCreated(command.teamId(), command.name(), checked, command.apiKeySha256()));
    }

    @CommandHandler
    List<TeamMember> handle(ChangeTeamMembersCommand command, KnownHosts hosts) {
        List<TeamMember> checked = checkMembers(command.members(), hosts);
        if (!checked.equals(members)) {
            apply(new TeamMembersChanged(teamId, checked));
        }
        return members;
    }

    @CommandHandler
    TeamEventType handle(DefineTeamEventTypeCommand command) {
        TeamEventType type = command.teamEventType();
        type.validate(memberIds());
        boolean known = eventTypes.containsKey(type.id());
        if (!command.create() && !known) {
            throw new BookwiseException(ErrorCode.EVENT_TYPE_NOT_FOUND, "no event type " + type.id());
        }
        if (archived.contains(type.id())) {
            throw new BookwiseException(ErrorCode.EVENT_TYPE_ARCHIVED, "event type " + type.id() + " is archived");
        }
        boolean slugTaken = eventTypes.values().stream()
                .anyMatch(other -> !other.id().equals(type.id())
                        && other.eventType().slug().equals(type.eventType().slug()));
        if (slugTaken) {
            throw new BookwiseException(
                    ErrorCode.SLUG_TAKEN,
                    "this team already has an event type '" + type.eventType().slug() + "'");
        }
        apply(new TeamEventTypeDefined(teamId, type));
        return type;
    }

    @CommandHandler
    TeamEventType handle(ArchiveTeamEventTypeCommand command) {
        TeamEventType type = eventTypes.get(command.eventTypeId());
        if (type == null) {
            throw new BookwiseException(ErrorCode.EVENT_TYPE_NOT_FOUND, "no event type " + command.eventTypeId());
        }
        if (!archived.contains(type.id())) {
            apply(new TeamEventTypeArchived(teamId, type.id()));
        }
        return type;
    }

    /** The type a new booking asks for: it exists, is not archived, and (without a key) is public. */
    TeamEventType bookable(UUID eventTypeId, boolean anonymous) {
        TeamEventType type = eventTypeId == null ? null : eventTypes.get(eventTypeId);
        if (anonymous && (type == null || !type.eventType().isPublic() || archived.contains(type.id()))) {
            // the same answer for every type that is not public and live
            throw new BookwiseException(
                    ErrorCode.UNAUTHENTICATED, "booking this event type needs the team's key (it is not public)");
        }
        if (type == null) {
            throw new BookwiseException(
                    ErrorCode.EVENT_TYPE_NOT_FOUND,
                    eventTypeId == null ? "a team booking names its eventTypeId" : "no event type " + eventTypeId);
        }
        if (archived.contains(type.id())) {
            throw new BookwiseException(ErrorCode.EVENT_TYPE_ARCHIVED, "event type " + type.id() + " is archived");
        }
        return type;
    }

    /** The type of an existing booking, archived or not. */
    TeamEventType typeOfBooking(UUID eventTypeId) {
        TeamEventType type = eventTypes.get(eventTypeId);
        if (type == null) {
            throw new BookwiseException(ErrorCode.EVENT_TYPE_NOT_FOUND, "no event type " + eventTypeId);
        }
        return type;
    }

    /** The members that take the type's bookings now, with their weights and priorities. */
    List<TeamMember> membersFor(TeamEventType type) {
        List<UUID> hosts = type.hostsAmong(members);
        return members.stream().filter(m -> hosts.contains(m.hostId())).toList();
    }

    private Set<UUID> memberIds() {
        return members.stream().map(TeamMember::hostId).collect(Collectors.toSet());
    }

    private static List<TeamMember> checkMembers(List<TeamMember> members, KnownHosts hosts) {
        List<TeamMember> checked = TeamMembers.check(members);
        for (TeamMember member : checked) {
            if (!hosts.exists(member.hostId())) {
                throw new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + member.hostId());
            }
        }
        return checked;
    }

    @EventSourcingHandler
    void on(TeamCreated event) {
        teamId = event.teamId();
        name = event.name();
        members = new ArrayList<>(event.members());
    }

    @EventSourcingHandler
    void on(TeamMembersChanged event) {
        members = new ArrayList<>(event.members());
    }

    @EventSourcingHandler
    void on(TeamEventTypeDefined event) {
        eventTypes.put(event.teamEventType().id(), event.teamEventType());
    }

    @EventSourcingHandler
    void on(TeamEventTypeArchived event) {
        archived.add(event.eventTypeId());
    }
}
