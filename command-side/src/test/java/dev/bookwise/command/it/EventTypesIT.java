package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Event types over HTTP: defined, booked, seats and limits under real concurrent requests, the
 * attendee's manage token, public types without a key, and no-shows.
 */
class EventTypesIT extends CommandSideIT {

    private Api.Response defineType(Host host, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("title", "A meeting", "durationMinutes", 30));
        body.putAll(fields);
        return api.post("/api/hosts/" + host.id() + "/event-types", host.key(), Api.json(body));
    }

    private String typeId(Host host, Map<String, Object> fields) {
        Api.Response created = defineType(host, fields);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("eventTypeId");
    }

    private static String booking(Host host, String typeId, Instant start, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hostId", host.id());
        body.put("start", start.toString());
        body.put("attendee", Map.of("name", "Bob", "email", "bob@example.com"));
        if (typeId != null) {
            body.put("eventTypeId", typeId);
        }
        body.putAll(extra);
        return Api.json(body);
    }

    private Api.Response book(Host host, String typeId, Instant start) {
        return api.post("/api/bookings", host.key(), booking(host, typeId, start, Map.of()));
    }

    private List<Api.Response> concurrently(List<String> bodies, String key) {
        List<CompletableFuture<Api.Response>> sent = new ArrayList<>();
        for (String body : bodies) {
            sent.add(api.sendAsync("POST", "/api/bookings", key, body));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    /** Exactly {@code winners} answers are 201; every other one is the problem {@code refused}. */
    private static void assertWinners(List<Api.Response> answers, int winners, String refused) {
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(winners);
        assertThat(answers)
                .filteredOn(r -> r.status() != 201)
                .hasSize(answers.size() - winners)
                .extracting(Api.Response::code)
                .containsOnly(refused);
    }

    @Test
    void anEventTypeIsCreatedWithItsDefaultsAndItsSlugIsTheHostsOwn() {
        Host host = openHost();
        Api.Response created = defineType(host, Map.of("slug", "intro", "durationMinutes", 15));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("slotIntervalMinutes").asInt()).isEqualTo(15);
        assertThat(created.json().path("seats").asInt()).isEqualTo(1);
        assertThat(created.json().path("public").asBoolean()).isFalse();
        assertThat(defineType(host, Map.of("slug", "intro")).code()).isEqualTo("slug-taken");
        assertThat(defineType(host, Map.of("slug", "Not A Slug")).code()).isEqualTo("invalid-event-type");
        assertThat(defineType(host, Map.of("slug", "x", "durationMinutes", 0)).code())
                .isEqualTo("invalid-event-type");
        Host other = openHost();
        assertThat(api.post(
                                "/api/hosts/" + host.id() + "/event-types",
                                other.key(),
                                Api.json(Map.of("slug", "mine", "title", "t", "durationMinutes", 15)))
                        .code())
                .isEqualTo("forbidden");
        // another host may use the same slug
        assertThat(defineType(other, Map.of("slug", "intro")).status()).isEqualTo(201);

        String id = created.text("eventTypeId");
        Api.Response archived = api.send("DELETE", "/api/hosts/" + host.id() + "/event-types/" + id, host.key(), null);
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(book(host, id, slot(4)).code()).isEqualTo("event-type-archived");
        assertThat(book(host, UUID.randomUUID().toString(), slot(4)).code()).isEqualTo("event-type-not-found");
    }

    @Test
    void exactlyTheSeatsOfASeatedSlotAreTakenUnderConcurrentRequests() {
        Host host = openHost();
        String seated =
                typeId(host, Map.of("slug", "class", "durationMinutes", 60, "slotIntervalMinutes", 60, "seats", 10));
        Instant start = slot(20);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            bodies.add(booking(host, seated, start, Map.of()));
        }
        List<Api.Response> answers = concurrently(bodies, host.key());
        assertWinners(answers, 10, "slot-unavailable");
    }

    @Test
    void aDailyLimitHoldsUnderConcurrentRequestsForFreeSlots() {
        Host host = openHost();
        String limited = typeId(host, Map.of("slug", "limited", "durationMinutes", 15, "limits", Map.of("perDay", 3)));
        // 50 free slots of one UTC day (every 15 minutes from 06:00)
        Instant day = Instant.now()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(2, ChronoUnit.DAYS)
                .plus(6, ChronoUnit.HOURS);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bodies.add(booking(host, limited, day.plus(15L * i, ChronoUnit.MINUTES), Map.of()));
        }
        List<Api.Response> answers = concurrently(bodies, host.key());
        assertWinners(answers, 3, "booking-limit-reached");
    }

    @Test
    void twoTypesWhoseRangesOverlapRacingHaveOneWinner() {
        Host host = openHost();
        String hour = typeId(host, Map.of("slug", "hour", "durationMinutes", 60, "slotIntervalMinutes", 30));
        String quarter = typeId(
                host,
                Map.of("slug", "quarter", "durationMinutes", 15, "slotIntervalMinutes", 15, "bufferBeforeMinutes", 15));
        for (int round = 0; round < 5; round++) {
            Instant start = slot(30 + 4 * round);
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // the hour at start, or a quarter 30 minutes in (inside the hour)
                bodies.add(
                        i % 2 == 0
                                ? booking(host, hour, start, Map.of())
                                : booking(host, quarter, start.plus(30, ChronoUnit.MINUTES), Map.of()));
            }
            List<Api.Response> answers = concurrently(bodies, host.key());
            assertWinners(answers, 1, "slot-unavailable");
        }
    }

    @Test
    void seatsAndLimitsHoldAcrossTwoInstances() {
        TestDatabase database = TestDatabase.fresh();
        // without the per-host lock: only the event stream's constraint and the retry decide
        Map<String, Object> constraintOnly = Map.of("bookwise.host-lock", false);
        try (CommandSideInstance first = CommandSideInstance.start(database, constraintOnly);
                CommandSideInstance second = CommandSideInstance.start(database, constraintOnly)) {
            Api a = first.api();
            Api b = second.api();
            Host host = openHostOn(a, b);
            Api.Response seated = a.post(
                    "/api/hosts/" + host.id() + "/event-types",
                    host.key(),
                    Api.json(Map.of("slug", "class", "title", "Class", "durationMinutes", 60, "seats", 4)));
            Api.Response limited = b.post(
                    "/api/hosts/" + host.id() + "/event-types",
                    host.key(),
                    Api.json(Map.of(
                            "slug",
                            "limited",
                            "title",
                            "Limited",
                            "durationMinutes",
                            30,
                            "limits",
                            Map.of("perDay", 3))));
            assertThat(seated.status()).as(seated.toString()).isEqualTo(201);
            assertThat(limited.status()).as(limited.toString()).isEqualTo(201);

            List<CompletableFuture<Api.Response>> sent = new ArrayList<>();
            Instant start = slot(40);
            for (int i = 0; i < 40; i++) {
                sent.add((i % 2 == 0 ? a : b)
                        .sendAsync(
                                "POST",
                                "/api/bookings",
                                host.key(),
                                booking(host, seated.text("eventTypeId"), start, Map.of())));
            }
            List<Api.Response> seats =
                    sent.stream().map(CompletableFuture::join).toList();
            assertWinners(seats, 4, "slot-unavailable");

            sent.clear();
            Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(3, ChronoUnit.DAYS);
            for (int i = 0; i < 40; i++) {
                sent.add((i % 2 == 0 ? a : b)
                        .sendAsync(
                                "POST",
                                "/api/bookings",
                                host.key(),
                                booking(
                                        host,
                                        limited.text("eventTypeId"),
                                        day.plus(30L * i, ChronoUnit.MINUTES),
                                        Map.of())));
            }
            List<Api.Response> answers =
                    sent.stream().map(CompletableFuture::join).toList();
            assertWinners(answers, 3, "booking-limit-reached");
        }
    }

    @Test
    void theManageTokenCancelsItsOwnBookingAndNothingElse() {
        Host host = openHost();
        String key = UUID.randomUUID().toString();
        Api.Response booked =
                api.post("/api/bookings", host.key(), booking(host, null, slot(6), Map.of()), "Idempotency-Key", key);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String token = booked.text("manageToken");
        assertThat(token).startsWith("bwm_");
        // the token is in the replay of the first answer, and nowhere in the store
        Api.Response replay =
                api.post("/api/bookings", host.key(), booking(host, null, slot(6), Map.of()), "Idempotency-Key", key);
        assertThat(replay.text("manageToken")).isEqualTo(token);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?",
                        Long.class,
                        "%" + token + "%"))
                .isZero();

        String bookingId = booked.text("bookingId");
        Api.Response other = book(host, null, slot(8));
        assertThat(api.post("/api/bookings/" + other.text("bookingId") + "/cancel", token, "{}")
                        .code())
                .isEqualTo("forbidden");
        assertThat(api.patch("/api/bookings/" + bookingId + "/status", token, Api.json(Map.of("status", "CONFIRMED")))
                        .code())
                .isEqualTo("forbidden");
        assertThat(api.post("/api/bookings", token, booking(host, null, slot(10), Map.of()))
                        .code())
                .isEqualTo("forbidden");
        Api.Response cancelled =
                api.post("/api/bookings/" + bookingId + "/cancel", token, Api.json(Map.of("reason", "cannot come")));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
    }

    @Test
    void theAttendeeIsBoundByTheTypesNoticeTheHostIsNot() {
        Host host = openHost();
        String noticed = typeId(host, Map.of("slug", "noticed", "attendeeCancelNoticeMinutes", 7 * 24 * 60));
        Api.Response booked = book(host, noticed, slot(12));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String path = "/api/bookings/" + booked.text("bookingId") + "/cancel";
        assertThat(api.post(path, booked.text("manageToken"), "{}").code()).isEqualTo("cutoff-passed");
        assertThat(api.post(path, host.key(), "{}").status()).isEqualTo(200);
    }

    @Test
    void withoutAKeyOnlyAPublicTypeIsBooked() {
        Host host = openHost();
        String open = typeId(host, Map.of("slug", "open", "public", true));
        String closed = typeId(host, Map.of("slug", "closed"));
        assertThat(api.post("/api/bookings", null, booking(host, closed, slot(14), Map.of()))
                        .code())
                .isEqualTo("unauthenticated");
        assertThat(api.post("/api/bookings", null, booking(host, null, slot(14), Map.of()))
                        .code())
                .isEqualTo("unauthenticated");
        assertThat(api.post("/api/bookings", "bwk_unknown", booking(host, open, slot(14), Map.of()))
                        .code())
                .isEqualTo("unauthenticated");
        Api.Response booked = api.post("/api/bookings", null, booking(host, open, slot(14), Map.of()));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.text("manageToken")).startsWith("bwm_");
    }

    @Test
    void answersAndMetadataAreCheckedAndKept() {
        Host host = openHost();
        String asking = typeId(
                host,
                Map.of(
                        "slug",
                        "asking",
                        "questions",
                        List.of(
                                Map.of("id", "phone", "label", "Phone", "type", "phone", "required", true),
                                Map.of(
                                        "id",
                                        "topic",
                                        "label",
                                        "Topic",
                                        "type",
                                        "select",
                                        "options",
                                        List.of("sales", "support")))));
        Api.Response missing = book(host, asking, slot(16));
        assertThat(missing.code()).isEqualTo("invalid-answers");
        assertThat(missing.json().path("detail").asText()).contains("phone");
        Api.Response wrong = api.post(
                "/api/bookings",
                host.key(),
                booking(host, asking, slot(16), Map.of("answers", Map.of("phone", "+33123456789", "topic", "golf"))));
        assertThat(wrong.code()).isEqualTo("invalid-answers");
        Api.Response booked = api.post(
                "/api/bookings",
                host.key(),
                booking(
                        host,
                        asking,
                        slot(16),
                        Map.of(
                                "answers",
                                Map.of("phone", "+33123456789", "topic", "sales"),
                                "metadata",
                                Map.of("crmId", "42"))));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().path("answers").path("topic").asText()).isEqualTo("sales");
        assertThat(booked.json().path("metadata").path("crmId").asText()).isEqualTo("42");
        assertThat(booked.text("eventTypeId")).isEqualTo(asking);
    }

    @Test
    void aNoShowIsMarkedOnlyAfterAConfirmedBookingStarted() {
        Host host = openHost();
        Api.Response booked = book(host, null, slot(18));
        String status = "/api/bookings/" + booked.text("bookingId") + "/status";
        assertThat(api.patch(status, host.key(), Api.json(Map.of("status", "NO_SHOW")))
                        .code())
                .isEqualTo("invalid-transition");
        assertThat(api.patch(status, host.key(), Api.json(Map.of("status", "CONFIRMED")))
                        .status())
                .isEqualTo(200);
        // confirmed, but it starts tomorrow
        assertThat(api.patch(status, host.key(), Api.json(Map.of("status", "NO_SHOW")))
                        .code())
                .isEqualTo("invalid-transition");
    }
}
