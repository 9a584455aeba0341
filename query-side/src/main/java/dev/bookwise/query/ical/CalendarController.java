package dev.bookwise.query.ical;

import dev.bookwise.calendar.Schedule;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.booking.BookingAccess;
import dev.bookwise.query.booking.BookingRepository;
import dev.bookwise.query.calendar.Schedules;
import dev.bookwise.query.eventtype.EventTypes;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.idempotency.IdempotencyKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Bookings as iCalendar files: one booking (its host, the admin, or its attendee's manage token), and
 * each host's feed, opened by the secret in its URL alone so that calendar clients, which send no
 * Authorization header, can subscribe to it.
 */
@RestController
@Tag(name = "Calendars", description = "Bookings as iCalendar (RFC 5545): one booking's file and a host's feed")
class CalendarController {

    /** How far back the feed reaches: last month's meetings stay visible in a subscribed calendar. */
    static final Duration FEED_PAST = Duration.ofDays(30);

    record FeedUrl(String url) {}

    private final BookingRepository bookings;
    private final CalendarEntries entries;
    private final FeedTokens tokens;
    private final Schedules schedules;
    private final EventTypes eventTypes;

    CalendarController(
            CalendarEntries entries,
            FeedTokens tokens,
            Schedules schedules,
            EventTypes eventTypes,
            BookingRepository bookings) {
        this.bookings = bookings;
        this.entries = entries;
        this.tokens = tokens;
        this.schedules = schedules;
        this.eventTypes = eventTypes;
    }

    @GetMapping("/api/bookings/{bookingId}/calendar.ics")
    @Operation(
            summary = "One booking as an iCalendar file",
            description = "One VEVENT: UID <bookingId>@bookwise, SEQUENCE growing with every change, DTSTART/DTEND"
                    + " in UTC, STATUS TENTATIVE (RESERVED), CONFIRMED (CONFIRMED, COMPLETED, NO_SHOW) or CANCELLED"
                    + " (CANCELLED, EXPIRED), ORGANIZER the host, ATTENDEE the attendee. The host's key, the admin"
                    + " key, the team's key or a member's for a team booking, or the booking's manage token.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "text/calendar; charset=utf-8",
                            content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string"))))
    ResponseEntity<byte[]> booking(@PathVariable UUID bookingId, Caller caller) {
        CalendarEntries.Entry entry = entries.booking(bookingId)
                .orElseThrow(() -> new BookwiseException(ErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId));
        // who may read the booking may read its file: a team's key and every member of a collective booking too
        BookingAccess.require(
                caller,
                bookings.find(bookingId)
                        .orElseThrow(
                                () -> new BookwiseException(ErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId)));
        return calendar(CalendarFiles.booking(entry), bookingId + ".ics");
    }

    @PostMapping("/api/hosts/{hostId}/calendar-feed")
    @Operation(
            summary = "Issue (or rotate) the host's calendar feed URL",
            description = "201 {\"url\"}: a secret URL of the host's feed, shown only in this answer (only its"
                    + " SHA-256 is kept). Posting again issues a new URL and the previous one answers 404 at once."
                    + " A retry cannot replay the answer, with or without Idempotency-Key: it rotates again, and"
                    + " the URL of the last answer is the one that works.")
    ResponseEntity<FeedUrl> issueFeed(
            @PathVariable UUID hostId,
            Caller caller,
            @Parameter(description = "1-255 characters; accepted, but a retry issues a new URL (see above)")
                    @RequestHeader(value = IdempotencyKeys.HEADER, required = false)
                    String idempotencyKey) {
        IdempotencyKeys.check(idempotencyKey);
        caller.requireHost(hostId);
        if (entries.host(hostId).isEmpty()) {
            throw new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + hostId);
        }
        String token = tokens.rotate(hostId);
        // absolute, as a calendar client needs it; behind a proxy the forwarded headers name the public address
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/hosts/{hostId}/calendar.ics")
                .queryParam("token", token)
                .buildAndExpand(hostId)
                .toUriString();
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(new FeedUrl(url));
    }

    @GetMapping("/api/hosts/{hostId}/calendar.ics")
    @SecurityRequirements
    @Operation(
            summary = "The host's calendar feed",
            description = "No Authorization header: the token of the URL POST /api/hosts/{hostId}/calendar-feed"
                    + " issued. The host's live bookings (RESERVED, CONFIRMED) starting from 30 days ago up to the"
                    + " host's horizon (the longest of its default schedule's and its event types'), one VEVENT each"
                    + " as in GET /api/bookings/{bookingId}/calendar.ics. A missing, wrong or rotated token, or an"
                    + " unknown host: 404 not-found.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "text/calendar; charset=utf-8",
                            content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string"))))
    ResponseEntity<byte[]> feed(
            @PathVariable UUID hostId,
            @Parameter(description = "the feed's secret (bwf_...)") @RequestParam(required = false) String token) {
        // one answer for every failure: the URL either opens a feed or names nothing
        if (!tokens.opens(hostId, token)) {
            throw new BookwiseException(ErrorCode.NOT_FOUND, "no calendar feed at this URL");
        }
        Optional<CalendarEntries.Organizer> host = entries.host(hostId);
        if (host.isEmpty()) {
            throw new BookwiseException(ErrorCode.NOT_FOUND, "no calendar feed at this URL");
        }
        Instant now = Instant.now();
        Instant to = now.plus(Duration.ofDays(horizonDays(hostId)));
        return calendar(CalendarFiles.feed(host.get(), entries.live(hostId, now.minus(FEED_PAST), to)), "bookwise.ics");
    }

    /**
     * How far ahead the host takes bookings: the longest horizon of its default schedule (the initial
     * schedule's before it defines one) and its event types, archived ones included, since their
     * bookings stay. A booking further out (made before a horizon was shortened) joins the feed as it
     * comes within it.
     */
    private int horizonDays(UUID hostId) {
        int days = schedules
                .defaultSchedule(hostId)
                .map(Schedule::horizonDays)
                .orElse(Schedule.initial("UTC").horizonDays());
        for (EventTypes.Known known : eventTypes.ofHost(hostId, Optional.empty())) {
            days = Math.max(days, known.type().horizonDays());
        }
        return days;
    }

    private static ResponseEntity<byte[]> calendar(String text, String filename) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(CalendarFiles.MEDIA_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"")
                // attendees' names and addresses: for the one who asked, not for shared caches
                .cacheControl(CacheControl.noStore())
                .body(text.getBytes(StandardCharsets.UTF_8));
    }
}
