package dev.bookwise.command.busy;

import static dev.bookwise.command.busy.BusyTimesTest.busy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.testsupport.Radicale;
import dev.bookwise.web.outbound.PinnedHttpClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CalDAV client against a real Radicale server (Debian package {@code radicale}) started on a
 * free loopback port with a temporary storage folder and plain htpasswd authentication: events
 * are PUT the way calendar apps do, read back with a calendar-query REPORT, and their busy times
 * checked to the second.
 */
class RadicaleCalDavIT {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-05-01T00:00:00Z");
    private static final CalDavClient.Credentials ADA = new CalDavClient.Credentials("ada", "correct horse");

    static final String PARIS_ZONE = String.join(
            "\r\n",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Paris",
            "BEGIN:STANDARD",
            "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "END:DAYLIGHT",
            "END:VTIMEZONE");

    @TempDir
    static Path directory;

    private static Radicale radicale;
    private static URI collection;

    private final CalDavClient client = new CalDavClient(
            BusySourceTargets.policy(true, List.of()),
            new PinnedHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(20)),
            4 * 1024 * 1024);

    @BeforeAll
    static void startRadicale() throws Exception {
        radicale = Radicale.start(directory, "ada", "correct horse");
        collection = radicale.calendar("/ada/work/");
    }

    @AfterAll
    static void stopRadicale() throws InterruptedException {
        if (radicale != null) {
            radicale.close();
        }
    }

    private static void put(String uid, String... eventLines) throws Exception {
        radicale.put(collection, uid, PARIS_ZONE, eventLines);
    }

    @Test
    void eventsPutIntoRadicaleAreReadAsBusyTimesAndChangesAreSeen() throws Exception {
        put(
                "single",
                "SUMMARY:Dentist",
                "DTSTART;TZID=Europe/Paris:20250310T090000",
                "DTEND;TZID=Europe/Paris:20250310T100000");
        put(
                "weekly",
                "SUMMARY:Team",
                "DTSTART;TZID=Europe/Paris:20250324T140000",
                "DTEND;TZID=Europe/Paris:20250324T150000",
                "RRULE:FREQ=WEEKLY;COUNT=3");
        put("free", "DTSTART:20250311T090000Z", "DTEND:20250311T100000Z", "TRANSP:TRANSPARENT");
        put("cancelled", "DTSTART:20250312T090000Z", "DTEND:20250312T100000Z", "STATUS:CANCELLED");
        put("holiday", "DTSTART;VALUE=DATE:20250314", "DTEND;VALUE=DATE:20250315");
        put("last-year", "DTSTART:20240312T090000Z", "DTEND:20240312T100000Z");

        List<String> objects = client.read(collection, ADA, FROM, TO);
        assertThat(objects).hasSize(5).allSatisfy(text -> assertThat(text).startsWith("BEGIN:VCALENDAR"));
        assertThat(BusyTimes.of(objects, PARIS, FROM, TO))
                .containsExactly(
                        busy("2025-03-10T08:00:00Z", "2025-03-10T09:00:00Z"),
                        busy("2025-03-13T23:00:00Z", "2025-03-14T23:00:00Z"),
                        busy("2025-03-24T13:00:00Z", "2025-03-24T14:00:00Z"), // CET
                        busy("2025-03-31T12:00:00Z", "2025-03-31T13:00:00Z"), // CEST
                        busy("2025-04-07T12:00:00Z", "2025-04-07T13:00:00Z"));

        put(
                "single",
                "SUMMARY:Dentist, later",
                "DTSTART;TZID=Europe/Paris:20250310T110000",
                "DTEND;TZID=Europe/Paris:20250310T113000");
        assertThat(BusyTimes.of(client.read(collection, ADA, FROM, TO), PARIS, FROM, TO))
                .first()
                .isEqualTo(busy("2025-03-10T10:00:00Z", "2025-03-10T10:30:00Z"));
    }

    @Test
    void aWrongPasswordOrNoneIsAnAuthenticationFailure() {
        assertThatThrownBy(() -> client.read(collection, new CalDavClient.Credentials("ada", "wrong"), FROM, TO))
                .isInstanceOf(BusySourceException.class)
                .hasMessage("the server refused the username or password (HTTP 401)")
                .extracting(e -> ((BusySourceException) e).kind())
                .isEqualTo(BusySourceException.Kind.AUTH_FAILED);
        assertThatThrownBy(() -> client.read(collection, null, FROM, TO))
                .isInstanceOf(BusySourceException.class)
                .hasMessage("the server refused the username or password (HTTP 401)");
    }

    @Test
    void aCollectionThatDoesNotExistSaysSo() {
        assertThatThrownBy(() -> client.read(collection.resolve("../nowhere/"), ADA, FROM, TO))
                .isInstanceOf(BusySourceException.class)
                .hasMessageContaining("HTTP 404");
    }
}
