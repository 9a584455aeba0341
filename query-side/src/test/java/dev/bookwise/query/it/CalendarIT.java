package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.calendar.types.BookingLimits;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingMarkedNoShow;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.EventTypeDefined;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.testsupport.Api;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * iCalendar out: one booking's file (host, admin, its manage token) and a host's secret feed URL. Every
 * file is parsed back and validated with ical4j, as a calendar client would read it.
 */
class CalendarIT extends QuerySideIT {

    private static final Attendee BOB = new Attendee("Bob, Jr.", "bob@example.com", "Europe/Paris");

    record Host(UUID id, String key) {}

    private Host host(String name, String email) {
        UUID id = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        append(id, new HostRegistered(id, name, email, "UTC", keyDigest(key)));
        return new Host(id, key);
    }

    /** Every day 00:00-24:00, 30-minute slots, taking bookings {@code horizonDays} ahead. */
    private static Schedule schedule(int horizonDays) {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, List.of(new TimeRange("00:00", "24:00")));
        }
        return new Schedule("UTC", 30, 0, 0, 0, horizonDays, weekly, List.of());
    }

    private static EventType type(String title, int horizonDays) {
        return new EventType(
                UUID.randomUUID(),
                "t" + UUID.randomUUID().toString().substring(0, 8),
                title,
                30,
                30,
                null,
                0,
                0,
                0,
                horizonDays,
                1,
                new BookingLimits(null, null),
                List.of(),
                0,
                0,
                false);
    }

    private static BookingReserved reserved(UUID host, UUID booking, UUID type, Instant start, String tokenDigest) {
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(Duration.ofMinutes(30)),
                0,
                0,
                BOB,
                Instant.now().plus(Duration.ofMinutes(10)),
                "deadline",
                type,
                Map.of(),
                Map.of(),
                tokenDigest);
    }

    /** A whole hour about {@code days} from now (iCalendar has no fractions of a second). */
    private static Instant inDays(long days) {
        return Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(days));
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }

    /** The answer as a calendar client reads it: text/calendar in UTF-8, CRLF lines, parsed and valid. */
    private static Calendar calendar(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        MediaType type = MediaType.parseMediaType(response.header("Content-Type"));
        assertThat(type.getType() + "/" + type.getSubtype()).isEqualTo("text/calendar");
        assertThat(type.getCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(response.body()).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        try {
            Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));
            ValidationResult result = calendar.validate();
            assertThat(result.hasErrors()).as(result.toString()).isFalse();
            assertThat(value(calendar.getRequiredProperty(Property.VERSION))).isEqualTo("2.0");
            assertThat(calendar.getProperty(Property.PRODID)).isPresent();
            assertThat(calendar.getProperty(Property.METHOD)).isEmpty();
            return calendar;
        } catch (Exception e) {
            throw new AssertionError("not a valid iCalendar file:\n" + response.body(), e);
        }
    }

    private static VEvent onlyEvent(Calendar calendar) {
        List<VEvent> events = calendar.getComponents(VEvent.VEVENT);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static Map<String, VEvent> eventsByUid(Calendar calendar) {
        Map<String, VEvent> byUid = new LinkedHashMap<>();
        for (VEvent event : calendar.<VEvent>getComponents(VEvent.VEVENT)) {
            byUid.put(value(event, Property.UID), event);
        }
        return byUid;
    }

    private static String value(Property property) {
        return property.getValue();
    }

    private static String value(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static int sequence(VEvent event) {
        return Integer.parseInt(value(event, Property.SEQUENCE));
    }

    private static String cn(VEvent event, String name) {
        Property property = event.getRequiredProperty(name);
        return property.getParameter(Parameter.CN).map(Parameter::getValue).orElse(null);
    }

    /** A DTSTART or DTEND: written in UTC (…Z, no TZID), and the instant it names. */
    private static Instant utc(VEvent event, String name) {
        DateProperty<Temporal> property = event.getRequiredProperty(name);
        assertThat(property.getValue()).as(name).matches("\\d{8}T\\d{6}Z");
        assertThat(property.getParameter(Parameter.TZID)).as(name).isEmpty();
        return Instant.from(property.getDate());
    }

    /** The booking's file with {@code key}, once the projections hold {@code position}. */
    private Api.Response file(UUID booking, String key, long position) {
        return api.get("/api/bookings/" + booking + "/calendar.ics?minPosition=" + position, key);
    }

    private static void assertBooking(VEvent event, UUID booking, String status, Instant start) {
        assertThat(value(event, Property.UID)).isEqualTo(booking + "@bookwise");
        assertThat(value(event, Property.STATUS)).isEqualTo(status);
        assertThat(utc(event, Property.DTSTART)).isEqualTo(start);
        assertThat(utc(event, Property.DTEND)).isEqualTo(start.plus(Duration.ofMinutes(30)));
        assertThat(value(event, Property.DTSTAMP)).matches("\\d{8}T\\d{6}Z");
        assertThat(value(event, Property.ORGANIZER)).isEqualTo("mailto:ada@example.com");
        assertThat(cn(event, Property.ORGANIZER)).isEqualTo("Ada");
        assertThat(value(event, Property.ATTENDEE)).isEqualTo("mailto:bob@example.com");
        assertThat(cn(event, Property.ATTENDEE)).isEqualTo("Bob, Jr.");
    }

    @Test
    void aBookingsFileKeepsItsUidAndGrowsItsSequenceWithEveryChange() {
        Host host = host("Ada", "ada@example.com");
        EventType intro = type("Intro call", 60);
        UUID booking = UUID.randomUUID();
        Instant start = inDays(3);
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), schedule(60)),
                new EventTypeDefined(host.id(), intro),
                reserved(host.id(), booking, intro.id(), start, null));

        Api.Response reservedFile = file(booking, host.key(), position);
        VEvent reserved = onlyEvent(calendar(reservedFile));
        assertBooking(reserved, booking, "TENTATIVE", start);
        assertThat(value(reserved, Property.SUMMARY)).isEqualTo("Intro call");
        assertThat(reservedFile.header("Cache-Control")).contains("no-store");
        // the same booking, unchanged, reads the same (DTSTAMP is its last change, not the time of the read)
        assertThat(file(booking, host.key(), position).body()).isEqualTo(reservedFile.body());

        position = append(host.id(), new BookingConfirmed(booking, host.id(), null));
        VEvent confirmed = onlyEvent(calendar(file(booking, host.key(), position)));
        assertBooking(confirmed, booking, "CONFIRMED", start);
        assertThat(sequence(confirmed)).isGreaterThan(sequence(reserved));

        Instant moved = start.plus(Duration.ofHours(2));
        position = append(
                host.id(),
                new BookingRescheduled(
                        booking,
                        host.id(),
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        moved,
                        moved.plus(Duration.ofMinutes(30)),
                        0,
                        0));
        VEvent rescheduled = onlyEvent(calendar(file(booking, host.key(), position)));
        assertBooking(rescheduled, booking, "CONFIRMED", moved);
        assertThat(sequence(rescheduled)).isGreaterThan(sequence(confirmed));

        position = append(host.id(), new BookingCancelled(booking, host.id(), "ill"));
        VEvent cancelled = onlyEvent(calendar(file(booking, ADMIN, position)));
        assertBooking(cancelled, booking, "CANCELLED", moved);
        assertThat(sequence(cancelled)).isGreaterThan(sequence(rescheduled));
    }

    @Test
    void everyStatusMapsToAVeventStatusAndTheDefaultTypeNamesWhoMeets() {
        Host host = host("Ada", "ada@example.com");
        UUID expired = UUID.randomUUID();
        UUID completed = UUID.randomUUID();
        UUID noShow = UUID.randomUUID();
        Instant past = inDays(-2);
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), schedule(60)),
                reserved(host.id(), expired, null, inDays(2), null),
                new BookingExpired(expired, host.id(), Instant.now()),
                reserved(host.id(), completed, null, past, null),
                new BookingConfirmed(completed, host.id(), null),
                new BookingCompleted(completed, host.id(), null),
                reserved(host.id(), noShow, null, past.plus(Duration.ofHours(1)), null),
                new BookingConfirmed(noShow, host.id(), null),
                new BookingMarkedNoShow(noShow, host.id(), "did not come"));

        VEvent expiredEvent = onlyEvent(calendar(file(expired, host.key(), position)));
        assertThat(value(expiredEvent, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(expiredEvent, Property.TRANSP)).isEqualTo("TRANSPARENT");
        // a booking of the default type (no title of the host's own): who meets whom
        assertThat(value(expiredEvent, Property.SUMMARY)).isEqualTo("Ada and Bob, Jr.");
        VEvent completedEvent = onlyEvent(calendar(file(completed, host.key(), position)));
        assertThat(value(completedEvent, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(completedEvent, Property.TRANSP)).isEqualTo("OPAQUE");
        assertBooking(
                onlyEvent(calendar(file(noShow, host.key(), position))),
                noShow,
                "CONFIRMED",
                past.plus(Duration.ofHours(1)));
    }

    @Test
    void aBookingsFileIsForItsHostTheAdminAndItsOwnManageTokenOnly() {
        Host host = host("Ada", "ada@example.com");
        Host other = host("Eve", "eve@example.com");
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        String token = "bwm_" + UUID.randomUUID();
        String otherToken = "bwm_" + UUID.randomUUID();
        Instant first = inDays(1);
        Instant second = inDays(2);
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), schedule(60)),
                reserved(host.id(), mine, null, first, keyDigest(token)),
                reserved(host.id(), theirs, null, second, keyDigest(otherToken)));

        assertBooking(onlyEvent(calendar(file(mine, token, position))), mine, "TENTATIVE", first);
        assertBooking(onlyEvent(calendar(file(theirs, otherToken, position))), theirs, "TENTATIVE", second);
        assertThat(file(mine, ADMIN, position).status()).isEqualTo(200);

        assertProblem(file(theirs, token, position), 403, "forbidden");
        assertProblem(file(UUID.randomUUID(), token, position), 403, "forbidden");
        // nothing else is new for a manage token: not the host's feed, nor issuing one
        assertProblem(api.post("/api/hosts/" + host.id() + "/calendar-feed", token, null), 403, "forbidden");
        assertProblem(api.get("/api/hosts/" + host.id() + "/calendar.ics?token=x", token), 403, "forbidden");
        assertProblem(file(mine, other.key(), position), 403, "forbidden");
        assertProblem(file(mine, null, position), 401, "unauthenticated");
        assertProblem(file(mine, "bwm_" + UUID.randomUUID(), position), 401, "unauthenticated");
        assertProblem(file(UUID.randomUUID(), host.key(), position), 404, "booking-not-found");
        assertProblem(api.get("/api/bookings/not-a-uuid/calendar.ics", host.key()), 400, "invalid-request");
    }

    @Test
    void theFeedOpensWithItsSecretAloneHoldsTheLiveBookingsInRangeAndRotates() {
        Host host = host("Ada", "ada@example.com");
        Host other = host("Eve", "eve@example.com");
        // the default schedule takes bookings 30 days ahead, a type 90: the feed reaches the longer
        EventType longer = type("Long range", 90);
        UUID recent = UUID.randomUUID();
        UUID tooOld = UUID.randomUUID();
        UUID soon = UUID.randomUUID();
        UUID viaType = UUID.randomUUID();
        UUID beyond = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID completed = UUID.randomUUID();
        UUID othersBooking = UUID.randomUUID();
        Instant recentStart = inDays(-20);
        Instant soonStart = inDays(5);
        append(other.id(), reserved(other.id(), othersBooking, null, inDays(4), null));
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), schedule(30)),
                new EventTypeDefined(host.id(), longer),
                reserved(host.id(), recent, null, recentStart, null),
                new BookingConfirmed(recent, host.id(), null),
                reserved(host.id(), tooOld, null, inDays(-40), null),
                new BookingConfirmed(tooOld, host.id(), null),
                reserved(host.id(), soon, null, soonStart, null),
                reserved(host.id(), viaType, longer.id(), inDays(80), null),
                reserved(host.id(), beyond, longer.id(), inDays(120), null),
                reserved(host.id(), cancelled, null, inDays(6), null),
                new BookingCancelled(cancelled, host.id(), null),
                reserved(host.id(), completed, null, inDays(-3), null),
                new BookingConfirmed(completed, host.id(), null),
                new BookingCompleted(completed, host.id(), null));

        Api.Response issued =
                api.post("/api/hosts/" + host.id() + "/calendar-feed?minPosition=" + position, host.key(), null);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).contains("no-store");
        URI url = URI.create(issued.text("url"));
        assertThat(url.getScheme()).isEqualTo("http");
        assertThat(url.getPort()).isEqualTo(port);
        assertThat(url.getRawPath()).isEqualTo("/api/hosts/" + host.id() + "/calendar.ics");
        assertThat(url.getRawQuery()).matches("token=bwf_[A-Za-z0-9_-]{43}");
        String feed = url.getRawPath() + "?" + url.getRawQuery();
        String secret = url.getRawQuery().substring("token=".length());
        // only the secret's digest is kept
        assertThat(jdbc.queryForList(
                        "SELECT token_sha256 FROM calendar_feed WHERE host_id = ?", String.class, host.id()))
                .containsExactly(keyDigest(secret));

        Calendar calendar = calendar(api.get(feed, null));
        assertThat(value(calendar.getRequiredProperty("X-WR-CALNAME"))).isEqualTo("BookWise: Ada");
        Map<String, VEvent> events = eventsByUid(calendar);
        assertThat(events.keySet()).containsExactly(recent + "@bookwise", soon + "@bookwise", viaType + "@bookwise");
        assertBooking(events.get(recent + "@bookwise"), recent, "CONFIRMED", recentStart);
        assertBooking(events.get(soon + "@bookwise"), soon, "TENTATIVE", soonStart);
        assertThat(value(events.get(viaType + "@bookwise"), Property.SUMMARY)).isEqualTo("Long range");
        // a calendar client's fetch carries no key; one that does changes nothing
        assertThat(api.get(feed, host.key()).body())
                .isEqualTo(api.get(feed, null).body());

        assertProblem(api.get(url.getRawPath(), null), 404, "not-found");
        assertProblem(api.get(url.getRawPath() + "?token=", null), 404, "not-found");
        assertProblem(api.get(url.getRawPath() + "?token=bwf_" + "A".repeat(43), null), 404, "not-found");
        assertProblem(api.get(url.getRawPath() + "?token=" + keyDigest(secret), null), 404, "not-found");
        // the secret opens its own host's feed only
        assertProblem(api.get("/api/hosts/" + other.id() + "/calendar.ics?token=" + secret, null), 404, "not-found");
        assertProblem(
                api.get("/api/hosts/" + UUID.randomUUID() + "/calendar.ics?token=" + secret, null), 404, "not-found");

        Api.Response rotated = api.post("/api/hosts/" + host.id() + "/calendar-feed", ADMIN, null);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
        URI newUrl = URI.create(rotated.text("url"));
        assertThat(newUrl).isNotEqualTo(url);
        assertProblem(api.get(feed, null), 404, "not-found");
        assertThat(eventsByUid(calendar(api.get(newUrl.getRawPath() + "?" + newUrl.getRawQuery(), null)))
                        .keySet())
                .isEqualTo(events.keySet());
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM calendar_feed WHERE host_id = ?", Integer.class, host.id()))
                .isEqualTo(1);
    }

    @Test
    void onlyTheHostOrTheAdminIssuesAFeed() {
        Host host = host("Ada", "ada@example.com");
        Host other = host("Eve", "eve@example.com");
        long position = append(host.id(), new ScheduleDefined(host.id(), schedule(30)));
        String path = "/api/hosts/" + host.id() + "/calendar-feed?minPosition=" + position;

        assertProblem(api.post(path, other.key(), null), 403, "forbidden");
        assertProblem(api.post(path, null, null), 401, "unauthenticated");
        assertProblem(api.post(path, "bwk_" + UUID.randomUUID(), null), 401, "unauthenticated");
        assertProblem(
                api.post("/api/hosts/" + UUID.randomUUID() + "/calendar-feed", ADMIN, null), 404, "host-not-found");
        assertProblem(api.post(path, host.key(), null, "Idempotency-Key", "k".repeat(256)), 400, "invalid-request");
        // the feed path is open without a key for GET only through its token: nothing else there is
        assertProblem(api.post("/api/hosts/" + host.id() + "/calendar.ics", null, null), 405, "method-not-allowed");
        assertProblem(api.get("/api/hosts/" + host.id() + "/calendar.ics/x", null), 401, "unauthenticated");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM calendar_feed WHERE host_id = ?", Integer.class, host.id()))
                .isZero();
        // a host with no feed yet has none to open
        assertProblem(api.get("/api/hosts/" + host.id() + "/calendar.ics?token=bwf_x", null), 404, "not-found");

        Api.Response issued = api.post(path, host.key(), null);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        URI url = URI.create(issued.text("url"));
        // a host without bookings: a valid calendar (RFC 5545 wants a component: the UTC zone) without events
        Calendar empty = calendar(api.get(url.getRawPath() + "?" + url.getRawQuery(), null));
        assertThat(empty.getComponents(VEvent.VEVENT)).isEmpty();
        assertThat(empty.getComponents(VTimeZone.VTIMEZONE)).hasSize(1);
    }
}
