package dev.bookwise.query.live;

import dev.bookwise.query.availability.AvailabilityReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/availability/stream}: availability as Server-Sent Events, a new list after each change. */
@RestController
class LiveStreamController {

    private static final Logger log = LoggerFactory.getLogger(LiveStreamController.class);

    private final LiveAvailability live;
    private final LiveConnections connections;
    private final LiveProperties properties;

    LiveStreamController(LiveAvailability live, LiveConnections connections, LiveProperties properties) {
        this.live = live;
        this.connections = connections;
        this.properties = properties;
    }

    @GetMapping("/api/availability/stream")
    @SecurityRequirements
    @Operation(
            summary = "Availability as it changes (Server-Sent Events)",
            description = "The parameters, validation and problems of GET /api/availability (problems answered"
                    + " before the stream starts). First an event `slots` whose data is exactly the JSON GET"
                    + " /api/availability answers, then a new `slots` event with the full list after every"
                    + " committed change that alters it; `id` is the store position the list reflects. A comment"
                    + " line every 15 s keeps an idle stream open. On reconnect (Last-Event-ID) the current list"
                    + " is sent at once. At most bookwise.live.max-connections-per-address streams and sockets"
                    + " per client address: 429 rate-limited beyond.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "text/event-stream",
                            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string"))))
    SseEmitter stream(
            @RequestParam(required = false) String hostId,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String eventTypeId,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String timezone,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletRequest request,
            HttpServletResponse response) {
        AvailabilityReads.Params params =
                new AvailabilityReads.Params(hostId, teamId, eventTypeId, date, from, to, timezone);
        String address = request.getRemoteAddr();
        connections.acquire(address);
        SseOutbox outbox = new SseOutbox(connections, live, address, properties.queueCapacity());
        connections.opened(outbox);
        Subscription subscription;
        try {
            // every list is whole: a reconnecting client (Last-Event-ID) gets the current one first, as anyone
            subscription = live.subscribe(params, outbox);
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
        outbox.subscribed(subscription);
        if (lastEventId != null) {
            log.debug("live stream resumed by {}", address);
        }
        // a reverse proxy must neither cache the stream nor hold its events back
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        return outbox.emitter();
    }
}
