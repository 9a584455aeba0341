package dev.bookwise.command.eventtype;

import dev.bookwise.calendar.types.EventType;
import dev.bookwise.command.web.CommandResponses;
import dev.bookwise.commands.ArchiveEventTypeCommand;
import dev.bookwise.commands.DefineEventTypeCommand;
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

/** A host's kinds of meeting: defined, replaced and archived in the host's calendar (its event stream). */
@RestController
@RequestMapping("/api/hosts/{hostId}/event-types")
class EventTypeController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    EventTypeController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @PostMapping
    ResponseEntity<EventTypeResponse> create(
            @PathVariable UUID hostId,
            @Valid @RequestBody EventTypeRequest body,
            Caller caller,
            HttpServletRequest request) {
        caller.requireHost(hostId);
        UUID eventTypeId = UUID.randomUUID();
        return responses.execute(request, caller, hostId, body, HttpStatus.CREATED, () -> {
            EventType type = body.toHostEventType(eventTypeId);
            return EventTypeResponse.of(
                    hostId, commands.sendAndWait(new DefineEventTypeCommand(hostId, type, true)), false);
        });
    }

    @PutMapping("/{eventTypeId}")
    ResponseEntity<EventTypeResponse> replace(
            @PathVariable UUID hostId,
            @PathVariable UUID eventTypeId,
            @Valid @RequestBody EventTypeRequest body,
            Caller caller,
            HttpServletRequest request) {
        caller.requireHost(hostId);
        return responses.execute(request, caller, hostId, body, HttpStatus.OK, () -> {
            EventType type = body.toHostEventType(eventTypeId);
            return EventTypeResponse.of(
                    hostId, commands.sendAndWait(new DefineEventTypeCommand(hostId, type, false)), false);
        });
    }

    @DeleteMapping("/{eventTypeId}")
    ResponseEntity<EventTypeResponse> archive(
            @PathVariable UUID hostId, @PathVariable UUID eventTypeId, Caller caller, HttpServletRequest request) {
        caller.requireHost(hostId);
        return responses.execute(
                request,
                caller,
                hostId,
                null,
                HttpStatus.OK,
                () -> EventTypeResponse.of(
                        hostId, commands.sendAndWait(new ArchiveEventTypeCommand(hostId, eventTypeId)), true));
    }
}
