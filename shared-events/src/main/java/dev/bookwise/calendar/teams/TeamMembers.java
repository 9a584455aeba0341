package dev.bookwise.calendar.teams;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The rules of a team's member list. */
public final class TeamMembers {

    public static final int MAX_MEMBERS = 100;

    private TeamMembers() {}

    /** At least one member, at most {@value #MAX_MEMBERS}, each valid, no host twice. */
    public static List<TeamMember> check(List<TeamMember> members) {
        if (members == null || members.isEmpty()) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "members: a team needs at least one member");
        }
        if (members.size() > MAX_MEMBERS) {
            throw new BookwiseException(
                    ErrorCode.INVALID_REQUEST, "members: a team has at most " + MAX_MEMBERS + " members");
        }
        Set<UUID> seen = new HashSet<>();
        for (TeamMember member : members) {
            if (member == null) {
                throw new BookwiseException(ErrorCode.INVALID_REQUEST, "members: null member");
            }
            member.validate();
            if (!seen.add(member.hostId())) {
                throw new BookwiseException(
                        ErrorCode.INVALID_REQUEST, "members: host " + member.hostId() + " is listed twice");
            }
        }
        return List.copyOf(members);
    }
}
