package dev.bookwise.command.busy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.calendar.BusyInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Busy intervals of hand-written iCalendar texts, checked to the second. */
class BusyTimesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant YEAR_END = Instant.parse("2026-01-01T00:00:00Z");

    static String calendar(String... lines) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + String.join("\r\n", lines)
                + "\r\nEND:VCALENDAR\r\n";
    }

    static BusyInterval busy(String start, String end) {
        return new BusyInterval(Instant.parse(start), Instant.parse(end));
    }

    private static List<BusyInterval> read(String text, ZoneId host) throws BusySourceException {
        return BusyTimes.of(text, host, YEAR_START, YEAR_END);
    }

    @Test
    void aSingleEventIsReadInItsTimeZone() throws Exception {
        String text = calendar(
                "BEGIN:VEVENT",
                "UID:one",
                "DTSTART;TZID=Europe/Paris:20250310T090000",
                "DTEND;TZID=Europe/Paris:20250310T100000",
                "SUMMARY:Dentist",
                "DESCRIPTION:a long text that is not kept\\, with escapes",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:two",
                "DTSTART;TZID=\"America/New_York\":20250710T090000",
                "DURATION:PT1H30M",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:three",
                "DTSTART:20250812T120000Z",
                "DTEND:20250812T123000Z",
                "BEGIN:VALARM",
                "TRIGGER:-PT15M",
                "DURATION:PT5M",
                "ACTION:DISPLAY",
                "END:VALARM",
                "END:VEVENT");
        assertThat(read(text, BERLIN))
                .containsExactly(
                        busy("2025-03-10T08:00:00Z", "2025-03-10T09:00:00Z"),
                        busy("2025-07-10T13:00:00Z", "2025-07-10T14:30:00Z"),
                        busy("2025-08-12T12:00:00Z", "2025-08-12T12:30:00Z"));
    }

    @Test
    void aWeeklyParisMeetingStaysAtNineLocalAcrossBothChangesWithAnExdateAndAMovedInstance() throws Exception {
        String text = calendar(
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
                "END:VTIMEZONE",
                "BEGIN:VEVENT",
                "UID:weekly@example.com",
                "DTSTART;TZID=Europe/Paris:20250317T090000",
                "DTEND;TZID=Europe/Paris:20250317T100000",
                "RRULE:FREQ=WEEKLY;BYDAY=MO",
                "EXDATE;TZID=Europe/Paris:20250324T090000",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:weekly@example.com",
                "RECURRENCE-ID;TZID=Europe/Paris:20250407T090000",
                "DTSTART;TZID=Europe/Paris:20250408T140000",
                "DTEND;TZID=Europe/Paris:20250408T150000",
                "END:VEVENT");
        assertThat(BusyTimes.of(
                        text, NEW_YORK, Instant.parse("2025-03-17T00:00:00Z"), Instant.parse("2025-04-15T00:00:00Z")))
                .containsExactly(
                        busy("2025-03-17T08:00:00Z", "2025-03-17T09:00:00Z"), // CET
                        busy("2025-03-31T07:00:00Z", "2025-03-31T08:00:00Z"), // CEST from March 30
                        busy("2025-04-08T12:00:00Z", "2025-04-08T13:00:00Z"), // the moved instance
                        busy("2025-04-14T07:00:00Z", "2025-04-14T08:00:00Z"));
        assertThat(BusyTimes.of(
                        text, NEW_YORK, Instant.parse("2025-10-20T00:00:00Z"), Instant.parse("2025-10-28T00:00:00Z")))
                .containsExactly(
                        busy("2025-10-20T07:00:00Z", "2025-10-20T08:00:00Z"), // CEST
                        busy("2025-10-27T08:00:00Z", "2025-10-27T09:00:00Z")); // CET from October 26
    }

    @Test
    void aWeeklyNewYorkMeetingFollowsAmericanDaylightSavingWithUntil() throws Exception {
        String text = calendar(
                "BEGIN:VEVENT",
                "UID:ny",
                "DTSTART;TZID=America/New_York:20250227T100000",
                "DTEND;TZID=America/New_York:20250227T103000",
                "RRULE:FREQ=WEEKLY;UNTIL=20250320T140000Z",
                "EXDATE;TZID=America/New_York:20250306T100000",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:ny",
                "RECURRENCE-ID;TZID=America/New_York:20250313T100000",
                "DTSTART;TZID=America/New_York:20250313T160000",
                "DTEND;TZID=America/New_York:20250313T170000",
                "END:VEVENT");
        assertThat(read(text, PARIS))
                .containsExactly(
                        busy("2025-02-27T15:00:00Z", "2025-02-27T15:30:00Z"), // EST
                        busy("2025-03-13T20:00:00Z", "2025-03-13T21:00:00Z"), // moved, EDT
                        busy("2025-03-20T14:00:00Z", "2025-03-20T14:30:00Z")); // EDT; UNTIL includes it
    }

    @Test
    void transparentAndCancelledEventsAreFree() throws Exception {
        String text = calendar(
                "BEGIN:VEVENT",
                "UID:free",
                "DTSTART:20250310T090000Z",
                "DTEND:20250310T100000Z",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:cancelled",
                "DTSTART:20250311T090000Z",
                "DTEND:20250311T100000Z",
                "STATUS:CANCELLED",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:cancelled-series",
                "DTSTART:20250312T090000Z",
                "DTEND:20250312T100000Z",
                "RRULE:FREQ=DAILY;COUNT=5",
                "STATUS:CANCELLED",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:tentative",
                "DTSTART:20250320T090000Z",
                "DTEND:20250320T100000Z",
                "STATUS:TENTATIVE",
                "TRANSP:OPAQUE",
                "END:VEVENT");
        assertThat(read(text, PARIS)).containsExactly(busy("2025-03-20T09:00:00Z", "2025-03-20T10:00:00Z"));
    }

    @Test
    void aCancelledOrTransparentOverrideFreesItsOneInstance() throws Exception {
        String text = calendar(
                "BEGIN:VEVENT",
                "UID:daily",
                "DTSTART:20250310T090000Z",
                "DTEND:20250310T100000Z",
                "RRULE:FREQ=DAILY;COUNT=4",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:daily",
                "RECURRENCE-ID:20250311T090000Z",
                "DTSTART:20250311T090000Z",
                "DTEND:20250311T100000Z",
                "STATUS:CANCELLED",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:daily",
                "RECURRENCE-ID:20250313T090000Z",
                "DTSTART:20250313T090000Z",
                "DTEND:20250313T100000Z",
                "TRANSP:TRANSPARENT",
                "END:VEVENT");
        assertThat(read(text, PARIS))
                .containsExactly(
                        busy("2025-03-10T09:00:00Z", "2025-03-10T10:00:00Z"),
                        busy("2025-03-12T09:00:00Z", "2025-03-12T10:00:00Z"));
    }

    @Test
    void allDayEventsBlockWholeDaysInTheHostsZone() throws Exception {
        String text = calendar(
                "BEGIN:VEVENT",
                "UID:holiday",
                "DTSTART;VALUE=DATE:20250310",
                "DTEND;VALUE=DATE:20250311",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:trip",
                "DTSTART;VALUE=DATE:20250401",
                "DTEND;VALUE=DATE:20250404",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:no-end",
                "DTSTART;VALUE=DATE:20250501",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:yearly",
                "DTSTART;VALUE=DATE:20200614",
                "DURATION:P1D",
                "RRULE:FREQ=YEARLY",
                "END:VEVENT");
        assertThat(read(text, BERLIN))
                .containsExactly(
                        busy("2025-03-09T23:00:00Z", "2025-03-10T23:00:00Z"), // CET
                        busy("2025-03-31T22:00:00Z", "2025-04-03T22:00:00Z"), // three days, CEST
                        busy("2025-04-30T22:00:00Z", "2025-05-01T22:00:00Z"), // DTSTART alone: its day
                        busy("2025-06-13T22:00:00Z", "2025-06-14T22:00:00Z"));
        assertThat(read(text, NEW_YORK)).first().isEqualTo(busy("2025-03-10T04:00:00Z", "2025-03-11T04:00:00Z"));
    }

    @Test
    void floatingTimesAreInTheHostsZoneAndATimedEventWithoutEndTakesNoTime() throws Exception {
        String text = calendar(
                "BEGIN:VEVENT",
                "UID:floating",
                "DTSTART:20250310T090000",
                "DTEND:20250310T100000",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:reminder",
                "DTSTART:20250311T090000Z",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:backwards",
                "DTSTART:20250312T090000Z",
                "DTEND:20250312T080000Z",
                "END:VEVENT");
        assertThat(read(text, NEW_YORK)).containsExactly(busy("2025-03-10T13:00:00Z", "2025-03-10T14:00:00Z"));
        assertThat(read(text, PARIS)).containsExactly(busy("2025-03-10T08:00:00Z", "2025-03-10T09:00:00Z"));
    }

    @Test
    void freeBusyPeriodsCountExceptFree() throws Exception {
        String text = calendar(
                "BEGIN:VFREEBUSY",
                "DTSTART:20250310T000000Z",
                "DTEND:20250317T000000Z",
                "FREEBUSY:20250310T080000Z/20250310T090000Z,20250310T150000Z/PT30M",
                "FREEBUSY;FBTYPE=FREE:20250311T080000Z/20250311T170000Z",
                "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20250312T080000Z/PT1H",
                "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20250313T000000Z/20250313T080000Z",
                "END:VFREEBUSY");
        assertThat(read(text, PARIS))
                .containsExactly(
                        busy("2025-03-10T08:00:00Z", "2025-03-10T09:00:00Z"),
                        busy("2025-03-10T15:00:00Z", "2025-03-10T15:30:00Z"),
                        busy("2025-03-12T08:00:00Z", "2025-03-12T09:00:00Z"),
                        busy("2025-03-13T00:00:00Z", "2025-03-13T08:00:00Z"));
    }

    @Test
    void intervalsAreClippedToTheWindowAndOverlappingOnesMerged() throws Exception {
        String text = calendar(
                "BEGIN:VEVENT",
                "UID:a",
                "DTSTART:20250310T080000Z",
                "DTEND:20250310T120000Z",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:b",
                "DTSTART:20250310T110000Z",
                "DTEND:20250310T130000Z",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:c",
                "DTSTART:20250310T130000Z",
                "DTEND:20250310T140000Z",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:a-duplicate",
                "DTSTART:20250310T080000Z",
                "DTEND:20250310T120000Z",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:d",
                "DTSTART:20250310T170000Z",
                "DTEND:20250310T190000Z",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:outside",
                "DTSTART:20250311T170000Z",
                "DTEND:20250311T190000Z",
                "END:VEVENT");
        assertThat(BusyTimes.of(
                        text, PARIS, Instant.parse("2025-03-10T10:00:00Z"), Instant.parse("2025-03-10T18:00:00Z")))
                .containsExactly(
                        busy("2025-03-10T10:00:00Z", "2025-03-10T14:00:00Z"),
                        busy("2025-03-10T17:00:00Z", "2025-03-10T18:00:00Z"));
    }

    @Test
    void rdatesAddInstancesAndAWindowInsideALongSeriesSeesOnlyItsInstances() throws Exception {
        String text = calendar(
                "BEGIN:VEVENT",
                "UID:since-1990",
                "DTSTART;TZID=Europe/Paris:19900101T120000",
                "DTEND;TZID=Europe/Paris:19900101T130000",
                "RRULE:FREQ=DAILY",
                "RDATE;TZID=Europe/Paris:20250312T180000",
                "RDATE;VALUE=PERIOD:20250313T200000Z/PT2H",
                "END:VEVENT");
        assertThat(BusyTimes.of(
                        text, PARIS, Instant.parse("2025-03-11T00:00:00Z"), Instant.parse("2025-03-14T00:00:00Z")))
                .containsExactly(
                        busy("2025-03-11T11:00:00Z", "2025-03-11T12:00:00Z"),
                        busy("2025-03-12T11:00:00Z", "2025-03-12T12:00:00Z"),
                        busy("2025-03-12T17:00:00Z", "2025-03-12T18:00:00Z"),
                        busy("2025-03-13T11:00:00Z", "2025-03-13T12:00:00Z"),
                        busy("2025-03-13T20:00:00Z", "2025-03-13T22:00:00Z"));
    }

    @Test
    void anOutlookTimeZoneIsReadFromItsVtimezoneAndAPrefixedOneByItsName() throws Exception {
        String text = calendar(
                "BEGIN:VTIMEZONE",
                "TZID:W. Europe Standard Time",
                "BEGIN:STANDARD",
                "DTSTART:16010101T030000",
                "TZOFFSETFROM:+0200",
                "TZOFFSETTO:+0100",
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
                "END:STANDARD",
                "BEGIN:DAYLIGHT",
                "DTSTART:16010101T020000",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
                "END:DAYLIGHT",
                "END:VTIMEZONE",
                "BEGIN:VEVENT",
                "UID:outlook",
                "DTSTART;TZID=W. Europe Standard Time:20250324T090000",
                "DTEND;TZID=W. Europe Standard Time:20250324T100000",
                "RRULE:FREQ=WEEKLY;COUNT=2",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:mozilla",
                "DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20250310T090000",
                "DTEND;TZID=/mozilla.org/20050126_1/America/New_York:20250310T093000",
                "END:VEVENT");
        assertThat(read(text, ZoneOffset.UTC))
                .containsExactly(
                        busy("2025-03-10T13:00:00Z", "2025-03-10T13:30:00Z"),
                        busy("2025-03-24T08:00:00Z", "2025-03-24T09:00:00Z"),
                        busy("2025-03-31T07:00:00Z", "2025-03-31T08:00:00Z"));
    }

    @Test
    void foldedLinesAndAMalformedEventDoNotSpoilTheRest() throws Exception {
        String text = calendar(
                "BEGIN:VEVENT",
                "UID:folded",
                "DTSTART;TZID=Europe/",
                " Paris:20250310T090000",
                "DTEND;TZID=Europe/Paris:20250310T10",
                "\t0000",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:broken",
                "DTSTART:2025-03-11 09:00",
                "DTEND:20250311T100000Z",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:bad-rule",
                "DTSTART:20250312T090000Z",
                "DTEND:20250312T100000Z",
                "RRULE:FREQ=SOMETIMES",
                "END:VEVENT",
                "BEGIN:VTODO",
                "DTSTART:20250313T090000Z",
                "DUE:20250313T100000Z",
                "END:VTODO");
        assertThat(read(text, PARIS))
                .containsExactly(
                        busy("2025-03-10T08:00:00Z", "2025-03-10T09:00:00Z"),
                        busy("2025-03-12T09:00:00Z", "2025-03-12T10:00:00Z"));
    }

    @Test
    void textThatIsNotICalendarOrExpandsBeyondTheBoundsIsRefused() {
        assertThatThrownBy(() -> read("<!DOCTYPE html><html>Sign in</html>", PARIS))
                .isInstanceOf(BusySourceException.class)
                .hasMessage("the calendar is not iCalendar (it starts with \"<!DOCTYPE html><html>Sign in</html>\")")
                .extracting(e -> ((BusySourceException) e).kind())
                .isEqualTo(BusySourceException.Kind.NOT_ICALENDAR);

        String everySecondFor2000 = calendar(
                "BEGIN:VEVENT",
                "UID:seconds",
                "DTSTART:20000101T000000Z",
                "DTEND:20000101T000001Z",
                "RRULE:FREQ=SECONDLY;COUNT=5000000",
                "END:VEVENT");
        assertThatThrownBy(() -> read(everySecondFor2000, PARIS))
                .isInstanceOf(BusySourceException.class)
                .hasMessage("the calendar's recurring events make more than 1000000 occurrences");

        String everyMinute = calendar(
                "BEGIN:VEVENT",
                "UID:minutes",
                "DTSTART:20250101T000000Z",
                "DTEND:20250101T000030Z",
                "RRULE:FREQ=MINUTELY",
                "END:VEVENT");
        assertThatThrownBy(() -> read(everyMinute, PARIS))
                .isInstanceOf(BusySourceException.class)
                .hasMessage("the calendar has more than 200000 busy times in the period read")
                .extracting(e -> ((BusySourceException) e).kind())
                .isEqualTo(BusySourceException.Kind.TOO_MANY_OCCURRENCES);
    }

    @Test
    void aMinutelyRuleFromLongAgoCostsOnlyItsWindow() throws Exception {
        String text = calendar(
                "BEGIN:VEVENT",
                "UID:old",
                "DTSTART:19900101T000000Z",
                "DTEND:19900101T000030Z",
                "RRULE:FREQ=MINUTELY;INTERVAL=15",
                "END:VEVENT");
        long started = System.nanoTime();
        List<BusyInterval> busy =
                BusyTimes.of(text, PARIS, Instant.parse("2025-03-10T00:00:00Z"), Instant.parse("2025-03-11T00:00:00Z"));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf("a 15-minute rule from 1990, one day read: %d ms%n", millis);
        assertThat(busy).hasSize(96).first().isEqualTo(busy("2025-03-10T00:00:00Z", "2025-03-10T00:00:30Z"));
    }

    @Test
    void largeFeedsAreReadWithinTheBounds() throws Exception {
        for (int events : new int[] {5_000, 50_000}) {
            String text = feed(events);
            BusyTimes.of(text, PARIS, YEAR_START, YEAR_START.plus(Duration.ofDays(365 * 12))); // warm-up
            long started = System.nanoTime();
            List<BusyInterval> busy = BusyTimes.of(text, PARIS, YEAR_START, YEAR_START.plus(Duration.ofDays(365 * 12)));
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            System.out.printf(
                    "%d events (%d KiB of iCalendar): %d busy intervals in %d ms%n",
                    events, text.length() / 1024, busy.size(), millis);
            assertThat(busy).hasSize(events);
        }
    }

    /** A feed of one-hour events two hours apart, with the properties a calendar service writes. */
    static String feed(int events) {
        DateTimeFormatter utc =
                DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            Instant start = YEAR_START.plus(Duration.ofHours(2L * i));
            lines.add("BEGIN:VEVENT");
            lines.add("UID:event-" + i + "@example.com");
            lines.add("DTSTAMP:20250101T000000Z");
            lines.add("DTSTART:" + utc.format(start));
            lines.add("DTEND:" + utc.format(start.plus(Duration.ofHours(1))));
            lines.add("SUMMARY:Meeting " + i);
            lines.add("STATUS:CONFIRMED");
            lines.add("END:VEVENT");
        }
        return calendar(lines.toArray(String[]::new));
    }

    @Test
    void severalCalendarObjectsAreReadTogether() throws Exception {
        List<String> objects = List.of(
                calendar(
                        "BEGIN:VEVENT",
                        "UID:s",
                        "DTSTART:20250310T090000Z",
                        "DTEND:20250310T100000Z",
                        "RRULE:FREQ=DAILY;COUNT=2",
                        "END:VEVENT",
                        "BEGIN:VEVENT",
                        "UID:s",
                        "RECURRENCE-ID:20250311T090000Z",
                        "DTSTART:20250311T150000Z",
                        "DTEND:20250311T160000Z",
                        "END:VEVENT"),
                calendar("BEGIN:VEVENT", "UID:t", "DTSTART;VALUE=DATE:20250312", "END:VEVENT"));
        assertThat(BusyTimes.of(objects, ZoneOffset.UTC, YEAR_START, YEAR_END))
                .containsExactly(
                        busy("2025-03-10T09:00:00Z", "2025-03-10T10:00:00Z"),
                        busy("2025-03-11T15:00:00Z", "2025-03-11T16:00:00Z"),
                        busy("2025-03-12T00:00:00Z", "2025-03-13T00:00:00Z"));
    }
}
