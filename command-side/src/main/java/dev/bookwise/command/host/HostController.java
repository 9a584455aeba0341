package dev.bookwise.command.host;

import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.Zones;
import dev.bookwise.command.web.CommandResponses;
import dev.bookwise.commands.DefineScheduleCommand;
import dev.bookwise.commands.MergeAvailabilityWindowCommand;
import dev.bookwise.commands.RegisterHostCommand;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.ApiKeys;
import dev.bookwise.web.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
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

@RestController
@RequestMapping("/api/hosts")
class HostController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    HostController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @PostMapping
    ResponseEntity<HostRegisteredResponse> register(
            @Valid @RequestBody RegisterHostRequest body, Caller caller, HttpServletRequest request) {
        caller.requireAdmin();
        Zones.parse(body.timeZone(), ErrorCode.INVALID_TIME_ZONE);
        UUID hostId = UUID.randomUUID();
        String apiKey = ApiKeys.generate();
        return responses.execute(request, caller, hostId, body, HttpStatus.CREATED, () -> {
            commands.sendAndWait(new RegisterHostCommand(
                    hostId, body.name(), body.email(), body.timeZone(), ApiKeys.sha256Hex(apiKey)));
            return new HostRegisteredResponse(hostId, apiKey, body.name(), body.email(), body.timeZone());
        });
    }

    @PutMapping("/{hostId}/schedule")
    ResponseEntity<ScheduleResponse> defineSchedule(
            @PathVariable UUID hostId,
            @Valid @RequestBody ScheduleRequest body,
            Caller caller,
            HttpServletRequest request) {
        caller.requireHost(hostId);
        Schedule schedule = body.toSchedule();
        return responses.execute(request, caller, hostId, body, HttpStatus.OK, () -> {
            Schedule stored = commands.sendAndWait(new DefineScheduleCommand(hostId, schedule));
            return ScheduleResponse.of(hostId, stored);
        });
    }

    @PostMapping("/{hostId}/schedules")
    ResponseEntity<NamedScheduleResponse> createSchedule(
            @PathVariable UUID hostId,
            @Valid @RequestBody NamedScheduleRequest body,
            Caller caller,
            HttpServletRequest request) {
        caller.requireHost(hostId);
        UUID scheduleId = UUID.randomUUID();
        return responses.execute(
                request, caller, hostId, body, HttpStatus.CREATED, () -> defineNamed(hostId, scheduleId, body, true));
    }

    @PutMapping("/{hostId}/schedules/{scheduleId}")
    ResponseEntity<NamedScheduleResponse> replaceSchedule(
            @PathVariable UUID hostId,
            @PathVariable UUID scheduleId,
            @Valid @RequestBody NamedScheduleRequest body,
            Caller caller,
            HttpServletRequest request) {
        caller.requireHost(hostId);
        return responses.execute(
                request, caller, hostId, body, HttpStatus.OK, () -> defineNamed(hostId, scheduleId, body, false));
    }

    private NamedScheduleResponse defineNamed(UUID hostId, UUID scheduleId, NamedScheduleRequest body, boolean create) {
        Schedule schedule = body.toSchedule();
        Schedule stored = commands.sendAndWait(new DefineScheduleCommand(
                hostId, schedule, scheduleId, body.name().strip(), create));
        return NamedScheduleResponse.of(hostId, scheduleId, body.name().strip(), stored);
    }

    @PostMapping("/{hostId}/availability-windows")
    ResponseEntity<AvailabilityWindow> addWindow(
            @PathVariable UUID hostId,
            @Valid @RequestBody WindowRequest body,
            Caller caller,
            HttpServletRequest request) {
        caller.requireHost(hostId);
        AvailabilityWindow window = new AvailabilityWindow(body.startTime(), body.endTime(), body.slotDuration());
        return responses.execute(
                request,
                caller,
                hostId,
                body,
                HttpStatus.CREATED,
                () -> commands.sendAndWait(new MergeAvailabilityWindowCommand(hostId, window)));
    }
}
