package dev.bookwise.command.team;

import dev.bookwise.calendar.teams.TeamMember;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

record MembersRequest(@NotNull @Size(max = 100) List<@NotNull @Valid MemberRequest> members) {

    List<TeamMember> toMembers() {
        return members.stream().map(MemberRequest::toMember).toList();
    }
}
