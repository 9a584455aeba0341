package dev.bookwise.command.busysource;

import dev.bookwise.command.web.CommandResponses;
import dev.bookwise.commands.ConnectBusySourceCommand;
import dev.bookwise.commands.RemoveBusySourceCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The host's own calendars as busy sources: connected (the source is read at once, then every
 * {@code BOOKWISE_BUSY_SYNC_INTERVAL}), listed with how their last sync went, synced on demand, and
 * removed (with their busy times). Host or admin.
 */
@RestController
@RequestMapping("/api/hosts/{hostId}/busy-sources")
class BusySourceController {

    private final CommandGateway commands;
    private final CommandResponses responses;
    private final BusySourceRepository sources;
    private final CalendarSourceReader reader;
    private final BusySync sync;
    private final BusySyncSchedule.Syncs syncs;

    BusySourceController(
            CommandGateway commands,
            CommandResponses responses,
            BusySourceRepository sources,
            CalendarSourceReader reader,
            BusySync sync,
            BusySyncSchedule.Syncs syncs) {
        this.commands = commands;
        this.responses = responses;
        this.sources = sources;
        this.reader = reader;
        this.sync = sync;
        this.syncs = syncs;
    }

    @PostMapping
    ResponseEntity<BusySourceResponse> connect(
            @PathVariable UUID hostId,
            @Valid @RequestBody BusySourceRequest body,
            Caller caller,
            HttpServletRequest request) {
        caller.requireHost(hostId);
        String type = body.type();
        if (!BusySource.ICS.equals(type) && !BusySource.CALDAV.equals(type)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "type: \"ics\" or \"caldav\"");
        }
        if (BusySource.ICS.equals(type) && (body.username() != null || body.password() != null)) {
            throw new BookwiseException(
                    ErrorCode.INVALID_REQUEST, "an ics feed takes no username or password (its address is its secret)");
        }
        if ((body.username() == null) != (body.password() == null)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give both username and password, or neither");
        }
        URI url = reader.check(body.url());
        UUID sourceId = UUID.randomUUID();
        BusySource source = new BusySource(
                sourceId,
                hostId,
                type,
                url.toString(),
                url.getHost(),
                body.username(),
                body.password(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null,
                null,
                0);
        ResponseEntity<BusySourceResponse> connected =
                responses.execute(request, caller, hostId, body, HttpStatus.CREATED, () -> {
                    commands.sendAndWait(new ConnectBusySourceCommand(hostId, sourceId, type, url.getHost()));
                    // in the write's transaction: the row exists exactly when the calendar knows the source
                    sources.insert(source);
                    return BusySourceResponse.of(source);
                });
        if (connected.getStatusCode().value() != HttpStatus.CREATED.value()
                || Boolean.parseBoolean(connected.getHeaders().getFirst("Idempotent-Replayed"))) {
            return connected;
        }
        // on the schedule first, so that a first read that fails or is cut off leaves it scheduled; then read at
        // once: the answer shows how the first read went
        syncs.start(sourceId);
        BusySource now = sync.run(sourceId).orElse(source);
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(connected.getHeaders())
                .body(BusySourceResponse.of(now));
    }

    @GetMapping
    List<BusySourceResponse> list(@PathVariable UUID hostId, Caller caller) {
        caller.requireHost(hostId);
        return sources.ofHost(hostId).stream().map(BusySourceResponse::of).toList();
    }

    @PostMapping("/{sourceId}/sync")
    BusySourceResponse syncNow(@PathVariable UUID hostId, @PathVariable UUID sourceId, Caller caller) {
        caller.requireHost(hostId);
        owned(hostId, sourceId);
        return BusySourceResponse.of(sync.run(sourceId).orElseThrow(() -> notFound(sourceId)));
    }

    @DeleteMapping("/{sourceId}")
    ResponseEntity<BusySourceResponse> remove(
            @PathVariable UUID hostId, @PathVariable UUID sourceId, Caller caller, HttpServletRequest request) {
        caller.requireHost(hostId);
        ResponseEntity<BusySourceResponse> removed =
                responses.execute(request, caller, hostId, null, HttpStatus.OK, () -> {
                    // inside the write: a retry with the same Idempotency-Key replays the first answer
                    BusySource source = owned(hostId, sourceId);
                    commands.sendAndWait(new RemoveBusySourceCommand(hostId, sourceId));
                    sources.delete(sourceId);
                    return BusySourceResponse.of(source);
                });
        syncs.stop(sourceId);
        return removed;
    }

    private BusySource owned(UUID hostId, UUID sourceId) {
        return sources.find(sourceId).filter(s -> s.hostId().equals(hostId)).orElseThrow(() -> notFound(sourceId));
    }

    private static BookwiseException notFound(UUID sourceId) {
        return new BookwiseException(ErrorCode.NOT_FOUND, "no busy source " + sourceId);
    }
}
