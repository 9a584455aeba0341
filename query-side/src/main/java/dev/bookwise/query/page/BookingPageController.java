package dev.bookwise.query.page;

import dev.bookwise.calendar.types.EventType;
import dev.bookwise.query.calendar.Schedules;
import dev.bookwise.query.eventtype.EventTypes;
import dev.bookwise.query.host.HostRepository;
import dev.bookwise.query.team.TeamRepository;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.HtmlUtils;

/**
 * The public booking page of a host's or a team's public event type, and the attendee's manage page.
 * The HTML only names what the page's script needs (the owner, the type, the command side's URL);
 * the script reads the type, the free times and the booking through the API like any other client,
 * and books on the command side without a key. Unknown hosts, teams and slugs, and types that are
 * not public or are archived, get the same 404 page: it does not tell which.
 */
@Hidden
@Controller
class BookingPageController {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

    private final EventTypes eventTypes;
    private final Schedules schedules;
    private final HostRepository hosts;
    private final TeamRepository teams;
    private final PageProperties properties;
    private final String bookTemplate = template("book.html");
    private final String manageTemplate = template("manage.html");
    private final String notFoundTemplate = template("not-found.html");
    private final String contentSecurityPolicy;

    BookingPageController(
            EventTypes eventTypes,
            Schedules schedules,
            HostRepository hosts,
            TeamRepository teams,
            PageProperties properties) {
        this.eventTypes = eventTypes;
        this.schedules = schedules;
        this.hosts = hosts;
        this.teams = teams;
        this.properties = properties;
        URI command = URI.create(properties.commandUrl());
        String commandOrigin = command.getScheme() + "://" + command.getRawAuthority();
        // only this page's own files run; the browser talks to this side and the command side, nothing else
        this.contentSecurityPolicy = "default-src 'self'; connect-src 'self' " + commandOrigin
                + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'";
    }

    @GetMapping("/book/{hostId}/{slug}")
    ResponseEntity<String> hostPage(@PathVariable String hostId, @PathVariable String slug) {
        Optional<EventType> type = uuid(hostId)
                .filter(host -> hosts.timeZoneOf(host).isPresent())
                .flatMap(host -> eventTypes.ofHost(host, schedules.defaultSchedule(host)).stream()
                        .filter(known -> known.type().slug().equals(slug))
                        .filter(known -> known.type().isPublic() && !known.archived())
                        .map(EventTypes.Known::type)
                        .findFirst());
        return type.map(found -> bookingPage("hostId", hostId, found)).orElseGet(this::notFound);
    }

    @GetMapping("/book/team/{teamId}/{slug}")
    ResponseEntity<String> teamPage(@PathVariable String teamId, @PathVariable String slug) {
        Optional<EventType> type = uuid(teamId)
                .filter(teams::exists)
                .flatMap(team -> teams.eventTypes(team).stream()
                        .filter(known -> known.type().eventType().slug().equals(slug))
                        .filter(known -> known.type().eventType().isPublic() && !known.archived())
                        .map(known -> known.type().eventType())
                        .findFirst());
        return type.map(found -> bookingPage("teamId", teamId, found)).orElseGet(this::notFound);
    }

    /** The manage token stays in the link's fragment, which browsers never send: the page reads it itself. */
    @GetMapping("/book/manage/{bookingId}")
    ResponseEntity<String> managePage(@PathVariable String bookingId) {
        if (uuid(bookingId).isEmpty()) {
            return notFound();
        }
        return html(
                HttpStatus.OK,
                fill(manageTemplate, Map.of("commandUrl", properties.commandUrl(), "bookingId", bookingId)));
    }

    private ResponseEntity<String> bookingPage(String ownerField, String ownerId, EventType type) {
        Map<String, String> values = Map.of(
                "title", type.title(),
                "ownerField", ownerField,
                "ownerId", ownerId,
                "eventTypeId", type.id().toString(),
                "duration", Integer.toString(type.durationMinutes()),
                "commandUrl", properties.commandUrl());
        return html(HttpStatus.OK, fill(bookTemplate, values));
    }

    private ResponseEntity<String> notFound() {
        return html(HttpStatus.NOT_FOUND, notFoundTemplate);
    }

    private ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                // the free times change by the minute: the page always asks for them afresh
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .body(body);
    }

    /** Every {@code {{name}}} of the template, HTML-escaped (titles are the host's free text). */
    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder html = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(html, Matcher.quoteReplacement(HtmlUtils.htmlEscape(value, "UTF-8")));
        }
        matcher.appendTail(html);
        return html.toString();
    }

    private static Optional<UUID> uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            // UUID.fromString also takes shortened groups; only the canonical spelling names a host
            return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String template(String name) {
        try (InputStream in = BookingPageController.class.getResourceAsStream("/page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("page template " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
