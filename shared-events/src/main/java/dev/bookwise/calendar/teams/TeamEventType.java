package dev.bookwise.calendar.teams;

import dev.bookwise.calendar.types.EventType;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A kind of meeting a team offers: a host event type's fields (its {@code scheduleId} is always
 * null: each member's default schedule applies), how it is assigned, and which members take it
 * ({@code members} null: every member of the team, as the team is at booking time).
 */
public record TeamEventType(EventType eventType, Assignment assignment, List<UUID> members) {

    public TeamEventType {
        members = members == null ? null : List.copyOf(members);
    }

    public UUID id() {
        return eventType.id();
    }

    /** The type's own rules, and that its members are members of the team. */
    public void validate(Set<UUID> teamMembers) {
        eventType.validate();
        if (eventType.scheduleId() != null) {
            throw new BookwiseException(
                    ErrorCode.INVALID_EVENT_TYPE, "scheduleId: a team event type uses each member's default schedule");
        }
        if (assignment == null) {
            throw new BookwiseException(ErrorCode.INVALID_EVENT_TYPE, "assignment: ROUND_ROBIN or COLLECTIVE");
        }
        if (members != null) {
            if (members.isEmpty()) {
                throw new BookwiseException(
                        ErrorCode.INVALID_EVENT_TYPE, "members: leave it out for every member, or name some");
            }
            Set<UUID> seen = new HashSet<>();
            for (UUID member : members) {
                if (member == null || !teamMembers.contains(member)) {
                    throw new BookwiseException(
                            ErrorCode.INVALID_EVENT_TYPE, "members: " + member + " is not a member of the team");
                }
                if (!seen.add(member)) {
                    throw new BookwiseException(
                            ErrorCode.INVALID_EVENT_TYPE, "members: " + member + " is listed twice");
                }
            }
        }
    }

    /** The hosts that take this type's bookings now: its own list, kept to current members, or every member. */
    public List<UUID> hostsAmong(List<TeamMember> teamMembers) {
        List<UUID> current = teamMembers.stream().map(TeamMember::hostId).toList();
        return members == null
                ? current
                : members.stream().filter(current::contains).toList();
    }
}
