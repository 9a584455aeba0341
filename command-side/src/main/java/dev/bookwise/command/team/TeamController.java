package dev.bookwise.command.team;

import dev.bookwise.calendar.teams.TeamMember;
import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.command.web.CommandResponses;
import dev.bookwise.commands.ChangeTeamMembersCommand;
import dev.bookwise.commands.CreateTeamCommand;
import dev.bookwise.web.auth.ApiKeys;
import dev.bookwise.web.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Teams: created by the admin with their members; the team's key (or the admin) changes the members. */
@RestController
@RequestMapping("/api/teams")
class TeamController {

    private final CommandGateway commands;
    private final CommandResponses responses;
    private final CommandDirectory directory;

    TeamController(CommandGateway commands, CommandResponses responses, CommandDirectory directory) {
        this.commands = commands;
        this.responses = responses;
        this.directory = directory;
    }

    @PostMapping
    ResponseEntity<TeamResponse> create(
            @Valid @RequestBody TeamRequest body, Caller caller, HttpServletRequest request) {
        caller.requireAdmin();
        UUID teamId = UUID.randomUUID();
        String apiKey = ApiKeys.generate();
        List<TeamMember> members = body.toMembers();
        return responses.executeForTeam(request, caller, teamId, body, HttpStatus.CREATED, () -> {
            commands.sendAndWait(new CreateTeamCommand(teamId, body.name(), members, ApiKeys.sha256Hex(apiKey)));
            return new TeamResponse(teamId, body.name(), members, apiKey);
        });
    }

    @PutMapping("/{teamId}/members")
    ResponseEntity<TeamResponse> changeMembers(
            @PathVariable UUID teamId,
            @Valid @RequestBody MembersRequest body,
            Caller caller,
            HttpServletRequest request) {
        caller.requireTeam(teamId);
        directory.requireTeam(teamId);
        List<TeamMember> members = body.toMembers();
        return responses.executeForTeam(request, caller, teamId, body, HttpStatus.OK, () -> {
            List<TeamMember> now = commands.sendAndWait(new ChangeTeamMembersCommand(teamId, members));
            return new TeamResponse(teamId, null, now, null);
        });
    }
}
