package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.testsupport.Api;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The booking page in a real browser, against both applications as processes: the query side serves
 * the page, the browser books on the command side across origins without a key. Every step leaves a
 * screenshot in target/screenshots/, and axe-core checks each state of the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingPageIT {

    private static final String ADMIN = BookWise.ADMIN;
    private static final String TAKEN = "That time was just taken";

    private BookWise system;
    private String page;

    record Type(String hostId, String eventTypeId, String url) {}

    @BeforeAll
    void start() {
        // the query side's port is chosen when it starts, after the command side: any local port may call
        system = BookWise.start("page", 1, 0, Map.of("BOOKWISE_CORS_ORIGINS", "http://127.0.0.1:[*]"));
        Map<String, String> environment = system.environment();
        environment.put(
                "BOOKWISE_PAGE_COMMAND_URL",
                "http://127.0.0.1:" + system.command().port());
        system.querySides.add(AppProcess.start(AppProcess.Side.QUERY, "page-query-1", environment));
        page = "http://127.0.0.1:" + system.query().port();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aVisitorBooksAFreeTimeAndGetsTheConfirmationWithAManageLink() {
        Type yoga = yoga();
        try (Browser visitor = new Browser("book", "Europe/Paris")) {
            visitor.open(yoga.url());
            WebElement slot = visitor.await("#pick-slots button");
            assertThat(visitor.find("#pick-zone").getDomProperty("value")).isEqualTo("Europe/Paris");
            assertThat(visitor.find("h1").getText()).isEqualTo("Yoga class");
            visitor.screenshot("times");
            visitor.assertAccessible("the free times");

            String start = slot.getDomAttribute("data-start");
            slot.click();
            visitor.await("#details");
            assertThat(visitor.focused()).isEqualTo("details-heading");
            visitor.find("#name").sendKeys("Ada Lovelace");
            visitor.find("#email").sendKeys("ada@example.com");
            visitor.find("#q-goal").sendKeys("Flexibility");
            choose(visitor, "#q-level", "Beginner");
            visitor.find("#q-phone").sendKeys("+33123456789");
            visitor.screenshot("details");
            visitor.assertAccessible("the form");

            visitor.find("#submit").click();
            visitor.await("#done");
            assertThat(visitor.focused()).isEqualTo("done-heading");
            String link = visitor.find("#manage-link").getDomAttribute("href");
            assertThat(link).matches("/book/manage/[0-9a-f-]{36}#bwm_.+");
            visitor.screenshot("confirmed");
            visitor.assertAccessible("the confirmation");

            String bookingId = link.substring("/book/manage/".length(), link.indexOf('#'));
            JsonNode booking = booking(bookingId);
            assertThat(booking.path("start").asText()).isEqualTo(start);
            assertThat(booking.path("attendee").path("timeZone").asText()).isEqualTo("Europe/Paris");
            assertThat(booking.path("answers").path("goal").asText()).isEqualTo("Flexibility");
            assertThat(booking.path("answers").path("level").asText()).isEqualTo("Beginner");
            assertThat(booking.path("answers").path("phone").asText()).isEqualTo("+33123456789");
            assertThat(booking.path("answers").path("ownMat").asBoolean(true)).isFalse();
        }
    }

    @Test
    void aRequiredQuestionLeftEmptyIsRefusedBeforeSubmittingAndTheServersRefusalIsShownWhenTheChecksAreBypassed() {
        Type yoga = yoga();
        try (Browser visitor = new Browser("answers", "Europe/Paris")) {
            visitor.open(yoga.url());
            visitor.await("#pick-slots button").click();
            visitor.await("#details");
            visitor.find("#name").sendKeys("Ada Lovelace");
            visitor.find("#email").sendKeys("ada@example.com");
            choose(visitor, "#q-level", "Advanced");
            visitor.find("#submit").click();

            // refused in the browser: nothing was sent
            visitor.awaitText("#q-goal-error", "Please answer this.");
            assertThat(visitor.find("#q-goal").getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(visitor.focused()).isEqualTo("q-goal");
            assertThat(visitor.find("#form-error").getText()).contains("needs your attention");
            visitor.screenshot("required-refused");
            visitor.assertAccessible("the form with an error");
            assertThat(bookingsOf(yoga)).isZero();

            // a wrong phone number the browser's check would stop, sent anyway: the server's rule speaks
            visitor.find("#q-goal").sendKeys("Strength");
            visitor.script("document.getElementById('q-phone').removeAttribute('pattern');");
            visitor.find("#q-phone").sendKeys("0612345678");
            visitor.find("#submit").click();
            visitor.awaitText("#form-error", "question 'phone' expects a phone number");
            assertThat(visitor.find("#form-error").getDomAttribute("role")).isEqualTo("alert");
            assertThat(visitor.find("#q-phone-error").getText()).contains("expects a phone number");

            // and a required answer the browser was told not to require
            visitor.find("#q-phone").clear();
            visitor.find("#q-goal").clear();
            visitor.script("document.getElementById('q-goal').removeAttribute('required');");
            visitor.find("#submit").click();
            visitor.awaitText("#form-error", "question 'goal' is required");
            visitor.screenshot("server-refused");
            assertThat(bookingsOf(yoga)).isZero();
        }
    }

    @Test
    void theManageLinkReschedulesAndCancelsWithinTheNotices() {
        Type yoga = yoga();
        String[] booked =
                bookAnonymously(yoga, freeStarts(yoga).get(0), Map.of("goal", "Balance", "level", "Intermediate"));
        String bookingId = booked[0];

        try (Browser attendee = new Browser("manage", "Asia/Tokyo")) {
            attendee.open(page + "/book/manage/" + bookingId + "#" + booked[1]);
            attendee.await("#booking");
            assertThat(attendee.find("#what").getText()).contains("Yoga class");
            assertThat(attendee.find("#status").getText()).startsWith("Reserved");
            attendee.await("#move-slots button");
            attendee.screenshot("booking");
            attendee.assertAccessible("the manage page");

            WebElement later = attendee.find("#move-slots button");
            String newStart = later.getDomAttribute("data-start");
            later.click();
            attendee.find("#move-button").click();
            attendee.awaitText("#result", "Your booking is moved");
            assertThat(booking(bookingId).path("start").asText()).isEqualTo(newStart);
            attendee.screenshot("moved");

            attendee.find("#reason").sendKeys("Something came up");
            attendee.find("#cancel-button").click();
            attendee.awaitText("#result", "Your booking is cancelled.");
            assertThat(attendee.find("#status").getText()).isEqualTo("Cancelled");
            assertThat(attendee.find("#cancel").isDisplayed()).isFalse();
            attendee.screenshot("cancelled");
            attendee.assertAccessible("the cancelled booking");
            assertThat(booking(bookingId).path("status").asText()).isEqualTo("CANCELLED");

            // a link without its token opens nothing
            attendee.open(page + "/book/manage/" + bookingId);
            attendee.awaitText("#manage-error", "This link is incomplete");

            // a type that may be cancelled only a week ahead, booked for the next days: too late, and said so
            Type strict = type(
                    yoga.hostId(),
                    "strict",
                    "Strict class",
                    60,
                    List.of(),
                    true,
                    Map.of("attendeeCancelNoticeMinutes", 7 * 24 * 60));
            String[] soon = bookAnonymously(strict, freeStarts(strict).get(0), Map.of());
            attendee.open(page + "/book/manage/" + soon[0] + "#" + soon[1]);
            attendee.await("#cancel-button").click();
            attendee.awaitText("#manage-error", "It is too late to cancel online");
            assertThat(attendee.find("#manage-error").getDomAttribute("role")).isEqualTo("alert");
            assertThat(booking(soon[0]).path("status").asText()).isEqualTo("RESERVED");
            attendee.screenshot("too-late");
        }
    }

    @Test
    void aVisitorBooksWithTheKeyboardAlone() {
        Type yoga = yoga();
        try (Browser visitor = new Browser("keyboard", "America/Los_Angeles")) {
            visitor.open(yoga.url());
            visitor.await("#pick-slots button");
            visitor.tabTo("#pick-slots li:first-child button");
            String start = (String) visitor.script("return document.activeElement.dataset.start;");
            visitor.keys(Keys.SPACE);
            visitor.await("#details");
            assertThat(visitor.focused()).isEqualTo("details-heading");
            visitor.tabTo("#name");
            visitor.keys("Kim Keys");
            visitor.tabTo("#email");
            visitor.keys("kim@example.com");
            visitor.tabTo("#q-goal");
            visitor.keys("Posture");
            visitor.tabTo("#q-level");
            visitor.keys("I");
            assertThat(visitor.script("return document.activeElement.value;")).isEqualTo("Intermediate");
            visitor.tabTo("#q-ownMat");
            visitor.keys(Keys.SPACE);
            visitor.screenshot("filled-by-keyboard");
            visitor.tabTo("#submit");
            visitor.keys(Keys.ENTER);
            visitor.await("#done");
            assertThat(visitor.focused()).isEqualTo("done-heading");
            visitor.screenshot("confirmed-by-keyboard");

            String link = visitor.find("#manage-link").getDomAttribute("href");
            JsonNode booking = booking(link.substring("/book/manage/".length(), link.indexOf('#')));
            assertThat(booking.path("start").asText()).isEqualTo(start);
            assertThat(booking.path("answers").path("ownMat").asBoolean()).isTrue();
            assertThat(booking.path("attendee").path("timeZone").asText()).isEqualTo("America/Los_Angeles");
        }
    }

    @Test
    void twoVisitorsPickTheSameTimeOneIsBookedTheOtherToldItWasJustTakenAndItLeavesBothPagesLive() {
        Type yoga = yoga();
        try (Browser first = new Browser("race-a", "Europe/Paris");
                Browser second = new Browser("race-b", "Europe/Paris")) {
            for (Browser visitor : List.of(first, second)) {
                visitor.open(yoga.url());
                visitor.await("#pick-slots button");
                // a page that reloads loses this: the changes below must arrive without one
                visitor.script("window.sameDocument = true;");
            }
            String start = first.find("#pick-slots button").getDomAttribute("data-start");
            assertThat(second.find("#pick-slots button").getDomAttribute("data-start"))
                    .isEqualTo(start);
            for (Browser visitor : List.of(first, second)) {
                visitor.find("#pick-slots button[data-start='" + start + "']").click();
                visitor.await("#details");
                visitor.find("#name").sendKeys("Visitor");
                visitor.find("#email").sendKeys("visitor@example.com");
                visitor.find("#q-goal").sendKeys("Calm");
                choose(visitor, "#q-level", "Beginner");
            }
            // both ask at once
            first.script("document.getElementById('submit').click();");
            second.script("document.getElementById('submit').click();");

            await().atMost(Duration.ofSeconds(20)).until(() -> outcome(first) != null && outcome(second) != null);
            List<String> outcomes = new ArrayList<>(List.of(outcome(first), outcome(second)));
            assertThat(outcomes).containsExactlyInAnyOrder("booked", "taken");
            Browser winner = outcome(first).equals("booked") ? first : second;
            Browser loser = winner == first ? second : first;
            assertThat(loser.find("#pick-alert").getText())
                    .isEqualTo("That time was just taken — please pick another.");
            assertThat(loser.focused()).isEqualTo("pick-heading");
            winner.screenshot("booked");
            loser.screenshot("just-taken");
            loser.assertAccessible("the just-taken message");

            // the time has left both pages: the loser's at once, the winner's from the stream
            assertThat(loser.all("#pick-slots button[data-start='" + start + "']"))
                    .isEmpty();
            await("the taken time leaving the winner's page, from the availability stream")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> winner.all("#pick-slots button[data-start='" + start + "']")
                            .isEmpty());

            // a time someone else books elsewhere disappears from the open page by itself
            String other = loser.find("#pick-slots button").getDomAttribute("data-start");
            Api.Response elsewhere = system.command()
                    .api()
                    .post(
                            "/api/bookings",
                            null,
                            Api.json(Map.of(
                                    "hostId", yoga.hostId(),
                                    "eventTypeId", yoga.eventTypeId(),
                                    "start", other,
                                    "attendee", Map.of("name", "Someone", "email", "someone@example.com"),
                                    "answers", Map.of("goal", "Rest", "level", "Advanced"))),
                            "Idempotency-Key",
                            UUID.randomUUID().toString());
            assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(201);
            await("a time booked elsewhere leaving the open page, from the availability stream")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> loser.all("#pick-slots button[data-start='" + other + "']")
                            .isEmpty());
            assertThat(loser.script("return window.sameDocument === true;")).isEqualTo(true);
            assertThat(winner.script("return window.sameDocument === true;")).isEqualTo(true);
            loser.screenshot("gone-live");
        }
    }

    @Test
    void aTeamsPublicTypeIsBookedOnItsOwnPageAndGoesToAMember() {
        List<String> members = List.of(host("UTC", "00:00", "24:00", 30), host("UTC", "00:00", "24:00", 30));
        Api command = system.command().api();
        Api.Response team = command.post(
                "/api/teams",
                ADMIN,
                Api.json(Map.of(
                        "name",
                        "Studio",
                        "members",
                        members.stream().map(id -> Map.of("hostId", id)).toList())));
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        String teamId = team.text("teamId");
        Api.Response type = command.post(
                "/api/teams/" + teamId + "/event-types",
                team.text("apiKey"),
                Api.json(Map.of(
                        "slug",
                        "intro",
                        "title",
                        "Studio intro",
                        "durationMinutes",
                        30,
                        "minimumNoticeMinutes",
                        120,
                        "assignment",
                        "ROUND_ROBIN",
                        "public",
                        true)));
        assertThat(type.status()).as(type.toString()).isEqualTo(201);
        String url = page + "/book/team/" + teamId + "/intro";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> system.query()
                                .api()
                                .get("/book/team/" + teamId + "/intro", null)
                                .status()
                        == 200);

        try (Browser visitor = new Browser("team", "Europe/Berlin")) {
            visitor.open(url);
            assertThat(visitor.find("h1").getText()).isEqualTo("Studio intro");
            visitor.await("#pick-slots button").click();
            visitor.await("#name").sendKeys("Tea Mate");
            visitor.find("#email").sendKeys("tea@example.com");
            visitor.find("#submit").click();
            visitor.await("#done");
            visitor.screenshot("team-booked");
            String link = visitor.find("#manage-link").getDomAttribute("href");
            JsonNode booking = booking(link.substring("/book/manage/".length(), link.indexOf('#')));
            assertThat(booking.path("teamId").asText()).isEqualTo(teamId);
            assertThat(members).contains(booking.path("hostId").asText());
        }
    }

    @Test
    void theFallBackDayShowsBothOccurrencesOfTheRepeatedHourWithTheirOffsets() {
        LocalDate fallBack = nextFallBackSunday();
        String hostId = host("America/New_York", "00:00", "03:00", 30);
        Type dst = type(hostId, "night", "Night owls", 30, List.of());
        try (Browser visitor = new Browser("dst", "America/New_York")) {
            visitor.open(dst.url() + "?from=" + fallBack);
            visitor.await("#pick-days button[data-day='" + fallBack + "']").click();
            assertThat(visitor.find("#pick-zone").getDomProperty("value")).isEqualTo("America/New_York");
            List<String> times = new ArrayList<>();
            visitor.all("#pick-slots button").forEach(button -> times.add(button.getText()));
            assertThat(times)
                    .containsExactly(
                            "00:00",
                            "00:30",
                            "01:00 (UTC\u221204:00)",
                            "01:30 (UTC\u221204:00)",
                            "01:00 (UTC\u221205:00)",
                            "01:30 (UTC\u221205:00)",
                            "02:00",
                            "02:30");
            visitor.screenshot("fall-back-day");
            visitor.assertAccessible("the fall-back day");
        }
    }

    @Test
    void unknownHostsSlugsAndTypesThatAreNotPublicAre404Pages() {
        Type yoga = yoga();
        type(yoga.hostId(), "private", "Private session", 30, List.of(), false, Map.of());
        Api query = system.query().api();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> query.get("/api/hosts/" + yoga.hostId() + "/event-types", ADMIN)
                        .body()
                        .contains("\"private\""));
        for (String path : List.of(
                "/book/" + yoga.hostId() + "/private",
                "/book/" + yoga.hostId() + "/no-such-type",
                "/book/" + UUID.randomUUID() + "/yoga",
                "/book/not-a-uuid/yoga",
                "/book/team/" + UUID.randomUUID() + "/yoga",
                "/book/manage/not-a-uuid")) {
            Api.Response answer = query.get(path, null);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(answer.body()).contains("Nothing to book here");
        }
        Api.Response open = query.get(URI.create(yoga.url()).getPath(), null);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.header("Content-Security-Policy"))
                .contains("connect-src 'self' http://127.0.0.1:"
                        + system.command().port());
        try (Browser visitor = new Browser("not-found", "UTC")) {
            visitor.open(page + "/book/" + yoga.hostId() + "/private");
            visitor.await("h1");
            visitor.assertAccessible("the 404 page");
        }
    }

    /** A host in UTC open around the clock, with its public "yoga" type asking four questions. */
    private Type yoga() {
        String hostId = host("UTC", "00:00", "24:00", 30);
        List<Map<String, Object>> questions = List.of(
                question("goal", "What would you like to work on?", "text", true, null),
                question("level", "Your level", "select", true, List.of("Beginner", "Intermediate", "Advanced")),
                question("phone", "Phone, for last-minute changes", "phone", false, null),
                question("ownMat", "I bring my own mat", "boolean", false, null));
        return type(hostId, "yoga", "Yoga class", 60, questions);
    }

    private static Map<String, Object> question(
            String id, String label, String type, boolean required, List<String> options) {
        Map<String, Object> question = new LinkedHashMap<>();
        question.put("id", id);
        question.put("label", label);
        question.put("type", type);
        question.put("required", required);
        if (options != null) {
            question.put("options", options);
        }
        return question;
    }

    private String host(String zone, String from, String to, int slotMinutes) {
        Api api = system.command().api();
        Api.Response registered = api.post(
                "/api/hosts", ADMIN, Api.json(Map.of("name", "Hal", "email", "hal@example.com", "timeZone", zone)));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String hostId = registered.text("hostId");
        Map<String, Object> weekly = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day.name(), List.of(Map.of("start", from, "end", to)));
        }
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("timeZone", zone);
        schedule.put("slotMinutes", slotMinutes);
        schedule.put("bufferBeforeMinutes", 0);
        schedule.put("bufferAfterMinutes", 0);
        schedule.put("minimumNoticeMinutes", 0);
        schedule.put("horizonDays", 400);
        schedule.put("weeklyHours", weekly);
        schedule.put("dateOverrides", List.of());
        Api.Response scheduled =
                api.put("/api/hosts/" + hostId + "/schedule", registered.text("apiKey"), Api.json(schedule));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        return hostId;
    }

    private Type type(String hostId, String slug, String title, int minutes, List<Map<String, Object>> questions) {
        return type(hostId, slug, title, minutes, questions, true, Map.of());
    }

    /** Defines the type, and waits until its page is served (the query side reads the store a moment later). */
    private Type type(
            String hostId,
            String slug,
            String title,
            int minutes,
            List<Map<String, Object>> questions,
            boolean open,
            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("title", title);
        body.put("durationMinutes", minutes);
        body.put("minimumNoticeMinutes", 120);
        body.put("horizonDays", 400);
        body.put("questions", questions);
        body.put("public", open);
        body.putAll(extra);
        Api.Response defined =
                system.command().api().post("/api/hosts/" + hostId + "/event-types", ADMIN, Api.json(body));
        assertThat(defined.status()).as(defined.toString()).isEqualTo(201);
        Type type = new Type(hostId, defined.text("eventTypeId"), page + "/book/" + hostId + "/" + slug);
        if (open) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> system.query()
                                    .api()
                                    .get("/book/" + hostId + "/" + slug, null)
                                    .status()
                            == 200);
        }
        return type;
    }

    /** A booking made through the API without a key, as the page makes them: its id and manage token. */
    private String[] bookAnonymously(Type type, String start, Map<String, Object> answers) {
        Api.Response booked = system.command()
                .api()
                .post(
                        "/api/bookings",
                        null,
                        Api.json(Map.of(
                                "hostId", type.hostId(),
                                "eventTypeId", type.eventTypeId(),
                                "start", start,
                                "attendee",
                                        Map.of("name", "Grace", "email", "grace@example.com", "timeZone", "Asia/Tokyo"),
                                "answers", answers)),
                        "Idempotency-Key",
                        UUID.randomUUID().toString());
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return new String[] {booked.text("bookingId"), booked.text("manageToken")};
    }

    private List<String> freeStarts(Type type) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Api.Response free = system.query()
                .api()
                .get(
                        "/api/availability?hostId=" + type.hostId() + "&eventTypeId=" + type.eventTypeId() + "&from="
                                + today + "&to=" + today.plusDays(2) + "&timezone=UTC",
                        null);
        List<String> starts = new ArrayList<>();
        free.json().path("slots").forEach(slot -> starts.add(slot.path("start").asText()));
        return starts;
    }

    private JsonNode booking(String bookingId) {
        Api.Response[] read = new Api.Response[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            read[0] = system.query().api().get("/api/bookings/" + bookingId, ADMIN);
            return read[0].status() == 200;
        });
        return read[0].json();
    }

    private long bookingsOf(Type type) {
        return system.count(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type = "
                        + "'dev.bookwise.events.BookingReserved' AND convert_from(payload, 'UTF8')::jsonb ->> 'hostId' = ?",
                type.hostId());
    }

    /** "booked", "taken", or null while the page has not heard back. */
    private static String outcome(Browser visitor) {
        if (visitor.find("#done").isDisplayed()) {
            return "booked";
        }
        return visitor.find("#pick-alert").getText().startsWith(TAKEN) ? "taken" : null;
    }

    private static void choose(Browser visitor, String select, String option) {
        new org.openqa.selenium.support.ui.Select(visitor.find(select)).selectByVisibleText(option);
    }

    /** The first Sunday of November from today on: New York's clocks fall back from 02:00 to 01:00. */
    private static LocalDate nextFallBackSunday() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int year = today.getYear(); ; year++) {
            LocalDate sunday = LocalDate.of(year, 11, 1);
            while (sunday.getDayOfWeek() != DayOfWeek.SUNDAY) {
                sunday = sunday.plusDays(1);
            }
            if (sunday.isAfter(today.plusDays(1))) {
                return sunday;
            }
        }
    }
}
