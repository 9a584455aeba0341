package dev.bookwise.command.team;

import dev.bookwise.calendar.teams.TeamMember;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** A member as a request names it; weight and priority default to 1 and 0. */
record MemberRequest(@NotNull UUID hostId, Integer weight, Integer priority) {

    TeamMember toMember() {
        return new TeamMember(hostId, weight, priority);
    }
}
