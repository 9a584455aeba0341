package dev.bookwise.command.eventtype;

import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.command.web.CommandResponses;
import dev.bookwise.commands.ArchiveTeamEventTypeCommand;
import dev.bookwise.commands.DefineTeamEventTypeCommand;
import dev.bookwise.web.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A team's kinds of meeting: a host type's fields plus how bookings are assigned, kept in the
 * team's stream. The team's key or the admin.
 */
@RestController
@RequestMapping("/api/teams/{teamId}/event-types")
class TeamEventTypeController {

    private final CommandGateway commands;
    private final CommandResponses responses;
    private final CommandDirectory directory;

    TeamEventTypeController(CommandGateway commands, CommandResponses responses, CommandDirectory directory) {
        this.commands = commands;
        this.responses = responses;
        this.directory = directory;
    }

    @PostMapping
    ResponseEntity<EventTypeResponse> create(
            @PathVariable UUID teamId,
            @Valid @RequestBody EventTypeRequest body,
            Caller caller,
            HttpServletRequest request) {
        caller.requireTeam(teamId);
        directory.requireTeam(teamId);
        UUID eventTypeId = UUID.randomUUID();
        return responses.executeForTeam(request, caller, teamId, body, HttpStatus.CREATED, () -> {
            TeamEventType type = body.toTeamEventType(eventTypeId);
            return EventTypeResponse.ofTeam(
                    teamId, send(new DefineTeamEventTypeCommand(teamId, type, true), teamId), false);
        });
    }

    @PutMapping("/{eventTypeId}")
    ResponseEntity<EventTypeResponse> replace(
            @PathVariable UUID teamId,
            @PathVariable UUID eventTypeId,
            @Valid @RequestBody EventTypeRequest body,
            Caller caller,
            HttpServletRequest request) {
        caller.requireTeam(teamId);
        directory.requireTeam(teamId);
        return responses.executeForTeam(request, caller, teamId, body, HttpStatus.OK, () -> {
            TeamEventType type = body.toTeamEventType(eventTypeId);
            return EventTypeResponse.ofTeam(
                    teamId, send(new DefineTeamEventTypeCommand(teamId, type, false), teamId), false);
        });
    }

    @DeleteMapping("/{eventTypeId}")
    ResponseEntity<EventTypeResponse> archive(
            @PathVariable UUID teamId, @PathVariable UUID eventTypeId, Caller caller, HttpServletRequest request) {
        caller.requireTeam(teamId);
        directory.requireTeam(teamId);
        return responses.executeForTeam(
                request,
                caller,
                teamId,
                null,
                HttpStatus.OK,
                () -> EventTypeResponse.ofTeam(
                        teamId, send(new ArchiveTeamEventTypeCommand(teamId, eventTypeId), teamId), true));
    }

    private TeamEventType send(Object command, UUID teamId) {
        return commands.sendAndWait(command);
    }
}
