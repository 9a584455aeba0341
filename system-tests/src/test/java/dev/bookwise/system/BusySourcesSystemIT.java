package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.Radicale;
import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host's CalDAV calendar in a real Radicale, read by the real command side, shown by the real
 * query side: a single event, a weekly event in Europe/Paris across the next change of clocks, a
 * transparent and a cancelled event and an all-day event; availability hides exactly the busy ones,
 * a booking over one is refused, and a moved event reopens its slot after the next sync.
 */
class BusySourcesSystemIT {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String PARIS_ZONE = String.join(
            "\r\n",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Paris",
            "BEGIN:STANDARD",
            "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "END:DAYLIGHT",
            "END:VTIMEZONE");

    @Test
    void aCalDavCalendarsBusyTimesAreHiddenAndRefusedAndAMovedEventReopensItsSlot(@TempDir Path directory)
            throws Exception {
        try (Radicale radicale = Radicale.start(directory, "ada", "correct horse");
                BookWise system = BookWise.start("busy", 1, 1, Map.of("BOOKWISE_BUSY_ALLOW_LOOPBACK", "true"))) {
            Api command = system.command().api();
            Api query = system.query().api();
            Api.Response registered = command.post(
                    "/api/hosts",
                    BookWise.ADMIN,
                    Api.json(Map.of("name", "Ada", "email", "ada@example.com", "timeZone", "Europe/Paris")));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String host = registered.text("hostId");
            String key = registered.text("apiKey");
            Map<String, Object> weekly = new LinkedHashMap<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                weekly.put(day.name(), List.of(Map.of("start", "00:00", "end", "24:00")));
            }
            Api.Response scheduled = command.put(
                    "/api/hosts/" + host + "/schedule",
                    key,
                    Api.json(Map.of(
                            "timeZone", "Europe/Paris", "slotMinutes", 30, "horizonDays", 200, "weeklyHours", weekly)));
            assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);

            LocalDate tomorrow = LocalDate.now(PARIS).plusDays(1);
            Instant ten = at(tomorrow, 10, 0);
            // a Monday two weeks before the next change of Paris clocks: 4 weekly meetings at 09:00 local
            Instant change = PARIS.getRules().nextTransition(Instant.now()).getInstant();
            LocalDate firstMonday = change.atZone(PARIS)
                    .toLocalDate()
                    .minusWeeks(2)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate holiday = tomorrow.plusDays(2);

            URI calendar = radicale.calendar("/ada/work/");
            radicale.put(
                    calendar,
                    "dentist",
                    "",
                    "DTSTART:" + UTC.format(ten),
                    "DTEND:" + UTC.format(ten.plus(1, ChronoUnit.HOURS)));
            radicale.put(
                    calendar,
                    "weekly",
                    PARIS_ZONE,
                    "DTSTART;TZID=Europe/Paris:" + LOCAL.format(firstMonday.atTime(9, 0)),
                    "DTEND;TZID=Europe/Paris:" + LOCAL.format(firstMonday.atTime(10, 0)),
                    "RRULE:FREQ=WEEKLY;COUNT=4");
            radicale.put(
                    calendar,
                    "free",
                    "",
                    "DTSTART:" + UTC.format(at(tomorrow, 12, 0)),
                    "DTEND:" + UTC.format(at(tomorrow, 13, 0)),
                    "TRANSP:TRANSPARENT");
            radicale.put(
                    calendar,
                    "called-off",
                    "",
                    "DTSTART:" + UTC.format(at(tomorrow, 14, 0)),
                    "DTEND:" + UTC.format(at(tomorrow, 15, 0)),
                    "STATUS:CANCELLED");
            radicale.put(
                    calendar,
                    "holiday",
                    "",
                    "DTSTART;VALUE=DATE:" + DATE.format(holiday),
                    "DTEND;VALUE=DATE:" + DATE.format(holiday.plusDays(1)));

            Api.Response connected = command.post(
                    "/api/hosts/" + host + "/busy-sources",
                    key,
                    Api.json(Map.of(
                            "type",
                            "caldav",
                            "url",
                            calendar.toString(),
                            "username",
                            "ada",
                            "password",
                            "correct horse")));
            assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
            assertThat(connected.json().path("busyCount").asInt())
                    .as(connected.toString())
                    .isEqualTo(6);

            Set<Instant> day = awaitStarts(query, host, tomorrow, starts -> !starts.contains(ten));
            assertThat(day)
                    .doesNotContain(ten, ten.plus(30, ChronoUnit.MINUTES))
                    .contains(ten.minus(30, ChronoUnit.MINUTES), ten.plus(1, ChronoUnit.HOURS))
                    .as("transparent and cancelled events are not busy")
                    .contains(at(tomorrow, 12, 0), at(tomorrow, 14, 0));
            assertThat(starts(query, host, holiday)).as("the all-day event").isEmpty();
            for (int week = 0; week < 4; week++) {
                LocalDate monday = firstMonday.plusWeeks(week);
                assertThat(starts(query, host, monday))
                        .as("09:00 Paris on %s, before and after the change of clocks", monday)
                        .doesNotContain(at(monday, 9, 0), at(monday, 9, 30))
                        .contains(at(monday, 8, 30), at(monday, 10, 0));
            }
            assertThat(book(command, host, key, ten).code()).isEqualTo("slot-unavailable");

            // the dentist moves to 16:00: the next sync reopens 10:00 and takes 16:00
            radicale.put(
                    calendar,
                    "dentist",
                    "",
                    "DTSTART:" + UTC.format(at(tomorrow, 16, 0)),
                    "DTEND:" + UTC.format(at(tomorrow, 17, 0)));
            Api.Response synced =
                    command.post("/api/hosts/" + host + "/busy-sources/" + connected.text("id") + "/sync", key, null);
            assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
            Set<Instant> after = awaitStarts(query, host, tomorrow, starts -> starts.contains(ten));
            assertThat(after).doesNotContain(at(tomorrow, 16, 0));
            assertThat(book(command, host, key, ten).status()).isEqualTo(201);
            assertThat(book(command, host, key, at(tomorrow, 16, 0)).code()).isEqualTo("slot-unavailable");
        }
    }

    private static Instant at(LocalDate date, int hour, int minute) {
        return date.atTime(LocalTime.of(hour, minute)).atZone(PARIS).toInstant();
    }

    private static Api.Response book(Api command, String host, String key, Instant start) {
        return command.post(
                "/api/bookings",
                key,
                Api.json(Map.of(
                        "hostId",
                        host,
                        "start",
                        start.toString(),
                        "attendee",
                        Map.of("name", "Bob", "email", "bob@example.com"))));
    }

    private static Set<Instant> starts(Api query, String host, LocalDate date) {
        Api.Response response =
                query.get("/api/availability?hostId=" + host + "&date=" + date + "&timezone=Europe/Paris", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Set<Instant> starts = new HashSet<>();
        response.json()
                .path("slots")
                .forEach(slot -> starts.add(Instant.parse(slot.path("start").asText())));
        return starts;
    }

    /** The read model follows the store: waits until the day's starts satisfy {@code done}. */
    private static Set<Instant> awaitStarts(Api query, String host, LocalDate date, Predicate<Set<Instant>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<Instant> starts = starts(query, host, date);
        while (!done.test(starts) && System.nanoTime() < deadline) {
            AppProcess.sleep(200);
            starts = starts(query, host, date);
        }
        return starts;
    }
}
