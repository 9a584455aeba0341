package dev.bookwise.command.team;

import static dev.bookwise.web.request.Inputs.PRINTABLE;

import dev.bookwise.calendar.teams.TeamMember;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

record TeamRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE, message = "must not contain control characters")
        String name,

        @NotNull @Size(max = 100) List<@NotNull @Valid MemberRequest> members) {

    List<TeamMember> toMembers() {
        return members.stream().map(MemberRequest::toMember).toList();
    }
}
