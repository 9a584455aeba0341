package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.calendar.types.BookingLimits;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.Question;
import dev.bookwise.calendar.types.QuestionType;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingMarkedNoShow;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.EventTypeArchived;
import dev.bookwise.events.EventTypeDefined;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.query.config.KafkaProperties;
import dev.bookwise.testsupport.Api;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Event types on the query side: the list, availability per type, the booking's new fields, manage tokens. */
class EventTypesIT extends QuerySideIT {

    private static final Attendee BOB = new Attendee("Bob", "bob@example.com", "Europe/Paris");
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3);

    @Autowired
    KafkaProperties kafka;

    record Host(UUID id, String key) {}

    private Host host() {
        UUID id = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        append(id, new HostRegistered(id, "Ada", "ada@example.com", "UTC", keyDigest(key)));
        return new Host(id, key);
    }

    private static Schedule everyDay(int slot, String start, String end) {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, List.of(new TimeRange(start, end)));
        }
        return new Schedule("UTC", slot, 0, 0, 0, 30, weekly, List.of());
    }

    private static EventType type(
            String slug, int duration, int interval, int before, int after, int seats, Integer perDay, boolean open) {
        return new EventType(
                UUID.randomUUID(),
                slug,
                "Title of " + slug,
                duration,
                interval,
                null,
                before,
                after,
                0,
                30,
                seats,
                new BookingLimits(perDay, null),
                List.of(new Question("topic", "Topic", QuestionType.SELECT, true, List.of("sales", "support"))),
                60,
                120,
                open);
    }

    private static BookingReserved reserved(UUID host, UUID booking, EventType type, Instant start) {
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(type.duration()),
                type.bufferBeforeMinutes(),
                type.bufferAfterMinutes(),
                BOB,
                Instant.now().plus(Duration.ofMinutes(10)),
                "deadline",
                type.id(),
                Map.of("topic", "sales", "seats", 2),
                Map.of("crmId", "42"),
                null);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    private Api.Response availability(UUID host, UUID type, String dates, long position) {
        return api.get(
                "/api/availability?hostId=" + host + (type == null ? "" : "&eventTypeId=" + type) + "&" + dates
                        + "&minPosition=" + position,
                null);
    }

    private static List<Instant> starts(Api.Response response) {
        List<Instant> starts = new ArrayList<>();
        response.json()
                .path("slots")
                .forEach(slot -> starts.add(Instant.parse(slot.path("start").asText())));
        return starts;
    }

    private static List<Instant> every(Instant first, Instant last, int minutes) {
        List<Instant> starts = new ArrayList<>();
        for (Instant at = first; !at.isAfter(last); at = at.plus(Duration.ofMinutes(minutes))) {
            starts.add(at);
        }
        return starts;
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }

    @Test
    void theHostSeesEveryTypeArchivedIncludedAndAnyoneSeesOnlyThePublicLiveOnes() {
        Host other = host();
        Host host = host();
        EventType intro = type("intro", 15, 15, 0, 10, 1, 4, true);
        EventType secret = type("secret", 30, 30, 0, 0, 1, null, false);
        EventType old = type("old", 30, 30, 0, 0, 1, null, true);
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), everyDay(30, "09:00", "17:00")),
                new EventTypeDefined(host.id(), intro),
                new EventTypeDefined(host.id(), secret),
                new EventTypeDefined(host.id(), old),
                new EventTypeArchived(host.id(), old.id()));
        String path = "/api/hosts/" + host.id() + "/event-types?minPosition=" + position;

        Api.Response own = api.get(path, host.key());
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        Map<String, JsonNode> bySlug = new java.util.LinkedHashMap<>();
        own.json().path("items").forEach(item -> bySlug.put(item.path("slug").asText(), item));
        assertThat(bySlug.keySet()).containsExactly("default", "intro", "old", "secret");
        assertThat(bySlug.get("old").path("archived").asBoolean()).isTrue();
        assertThat(bySlug.get("default").path("eventTypeId").asText())
                .isEqualTo(EventType.defaultIdFor(host.id()).toString());
        assertThat(bySlug.get("default").path("durationMinutes").asInt()).isEqualTo(30);
        JsonNode first = bySlug.get("intro");
        assertThat(first.path("eventTypeId").asText()).isEqualTo(intro.id().toString());
        assertThat(first.path("title").asText()).isEqualTo("Title of intro");
        assertThat(first.path("durationMinutes").asInt()).isEqualTo(15);
        assertThat(first.path("slotIntervalMinutes").asInt()).isEqualTo(15);
        assertThat(first.path("bufferAfterMinutes").asInt()).isEqualTo(10);
        assertThat(first.path("horizonDays").asInt()).isEqualTo(30);
        assertThat(first.path("seats").asInt()).isEqualTo(1);
        assertThat(first.path("limits").path("perDay").asInt()).isEqualTo(4);
        assertThat(first.path("questions").get(0).path("id").asText()).isEqualTo("topic");
        assertThat(first.path("questions").get(0).path("type").asText()).isEqualTo("select");
        assertThat(first.path("attendeeCancelNoticeMinutes").asInt()).isEqualTo(60);
        assertThat(first.path("attendeeRescheduleNoticeMinutes").asInt()).isEqualTo(120);
        assertThat(first.path("public").asBoolean()).isTrue();
        assertThat(first.path("archived").asBoolean()).isFalse();
        assertThat(first.has("isPublic")).isFalse();
        assertThat(first.has("scheduleId")).isTrue();

        Api.Response admin = api.get(path, ADMIN);
        assertThat(admin.json().path("items")).hasSize(4);

        Api.Response anyone = api.get(path, null);
        assertThat(anyone.status()).as(anyone.toString()).isEqualTo(200);
        List<String> open = new ArrayList<>();
        anyone.json().path("items").forEach(item -> open.add(item.path("slug").asText()));
        assertThat(open).containsExactly("intro");

        assertProblem(api.get(path, other.key()), 403, "forbidden");
        assertProblem(api.get("/api/hosts/" + UUID.randomUUID() + "/event-types", ADMIN), 404, "host-not-found");
        assertProblem(api.get("/api/hosts/" + UUID.randomUUID() + "/event-types", null), 404, "host-not-found");
        // the anonymous path is this one only: a host's bookings still need a key
        assertProblem(api.get("/api/hosts/" + host.id() + "/bookings", null), 401, "unauthenticated");
    }

    @Test
    void aTypeStartsASlotEveryIntervalLastingItsDurationAndStepsAroundOtherTypesBookingsWithTheirBuffers() {
        Host host = host();
        EventType call = type("call", 30, 15, 0, 0, 1, null, true);
        EventType review = type("review", 30, 30, 0, 15, 1, null, false);
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), everyDay(30, "09:00", "12:00")),
                new EventTypeDefined(host.id(), call),
                new EventTypeDefined(host.id(), review),
                // review at 10:00-10:30 holds 10:00-10:45 with its buffer after
                reserved(host.id(), UUID.randomUUID(), review, at(DAY, 10, 0)));

        Api.Response response = availability(host.id(), call.id(), "date=" + DAY, position);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text("eventTypeId")).isEqualTo(call.id().toString());
        List<Instant> expected = new ArrayList<>(every(at(DAY, 9, 0), at(DAY, 9, 30), 15));
        expected.addAll(every(at(DAY, 10, 45), at(DAY, 11, 30), 15));
        assertThat(starts(response)).containsExactlyElementsOf(expected);
        response.json().path("slots").forEach(slot -> {
            assertThat(Duration.between(
                            Instant.parse(slot.path("start").asText()),
                            Instant.parse(slot.path("end").asText())))
                    .isEqualTo(Duration.ofMinutes(30));
            assertThat(slot.has("seatsLeft")).isFalse();
        });

        // the default type and Part 1's answer: 30-minute slots every 30 minutes, around the same booking
        Api.Response partOne = availability(host.id(), null, "date=" + DAY, position);
        List<Instant> partOneStarts = List.of(at(DAY, 9, 0), at(DAY, 9, 30), at(DAY, 11, 0), at(DAY, 11, 30));
        assertThat(starts(partOne)).containsExactlyElementsOf(partOneStarts);
        assertThat(partOne.json().has("eventTypeId")).isFalse();
        Api.Response byDefaultType =
                availability(host.id(), EventType.defaultIdFor(host.id()), "date=" + DAY, position);
        assertThat(starts(byDefaultType)).containsExactlyElementsOf(partOneStarts);
    }

    @Test
    void aTypeOnANamedScheduleUsesItsHoursWhileTheDefaultScheduleStays() {
        Host host = host();
        UUID summer = UUID.randomUUID();
        EventType call = new EventType(
                UUID.randomUUID(),
                "call",
                "Call",
                60,
                null,
                summer,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false);
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), everyDay(60, "09:00", "11:00")),
                new ScheduleDefined(host.id(), everyDay(30, "14:00", "16:00"), summer, "Summer hours"),
                new EventTypeDefined(host.id(), call));

        assertThat(starts(availability(host.id(), call.id(), "date=" + DAY, position)))
                .containsExactly(at(DAY, 14, 0), at(DAY, 15, 0));
        assertThat(starts(availability(host.id(), null, "date=" + DAY, position)))
                .containsExactly(at(DAY, 9, 0), at(DAY, 10, 0));

        // the calendar as of now shows the named schedule and the types; as of before them, neither
        Api.Response now = api.get("/api/hosts/" + host.id() + "/history", host.key());
        assertThat(now.status()).as(now.toString()).isEqualTo(200);
        assertThat(now.json().path("schedules")).hasSize(1);
        assertThat(now.json().path("schedules").get(0).path("name").asText()).isEqualTo("Summer hours");
        assertThat(now.json().path("eventTypes"))
                .extracting(type -> type.path("slug").asText())
                .containsExactly("default", "call");
        Api.Response before = api.get("/api/hosts/" + host.id() + "/history?asOf=2020-01-01T00:00:00Z", host.key());
        assertThat(before.json().path("schedules")).isEmpty();
        assertThat(before.json().path("eventTypes")).isEmpty();
    }

    @Test
    void aSeatedTypeListsItsSlotsWithTheSeatsLeftUntilTheyAreGone() {
        Host host = host();
        EventType workshop = type("workshop", 60, 60, 0, 0, 3, null, true);
        Instant nine = at(DAY, 9, 0);
        Instant ten = at(DAY, 10, 0);
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), everyDay(60, "09:00", "12:00")),
                new EventTypeDefined(host.id(), workshop),
                reserved(host.id(), UUID.randomUUID(), workshop, nine),
                reserved(host.id(), UUID.randomUUID(), workshop, nine),
                reserved(host.id(), UUID.randomUUID(), workshop, ten),
                reserved(host.id(), UUID.randomUUID(), workshop, ten),
                reserved(host.id(), UUID.randomUUID(), workshop, ten));

        Api.Response response = availability(host.id(), workshop.id(), "date=" + DAY, position);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Map<Instant, Integer> seats = new java.util.LinkedHashMap<>();
        response.json()
                .path("slots")
                .forEach(slot -> seats.put(
                        Instant.parse(slot.path("start").asText()),
                        slot.path("seatsLeft").asInt(-1)));
        assertThat(seats).containsExactly(Map.entry(nine, 1), Map.entry(at(DAY, 11, 0), 3));
    }

    @Test
    void aDayAtItsLimitOffersNothingOfThatTypeAndCancelledBookingsDoNotCount() {
        Host host = host();
        EventType intro = type("intro", 30, 30, 0, 0, 1, 2, true);
        LocalDate next = DAY.plusDays(1);
        UUID completed = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), everyDay(30, "09:00", "12:00")),
                new EventTypeDefined(host.id(), intro),
                reserved(host.id(), UUID.randomUUID(), intro, at(DAY, 9, 0)),
                reserved(host.id(), completed, intro, at(DAY, 10, 0)),
                new BookingConfirmed(completed, host.id(), null),
                new BookingCompleted(completed, host.id(), null),
                reserved(host.id(), UUID.randomUUID(), intro, at(next, 9, 0)),
                reserved(host.id(), cancelled, intro, at(next, 10, 0)),
                new BookingCancelled(cancelled, host.id(), null));

        Api.Response response = availability(host.id(), intro.id(), "from=" + DAY + "&to=" + next, position);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(starts(response))
                .containsExactly(at(next, 9, 30), at(next, 10, 0), at(next, 10, 30), at(next, 11, 0), at(next, 11, 30));
        // the limit is the type's: the default type still offers the free starts of the full day
        assertThat(starts(availability(host.id(), null, "date=" + DAY, position)))
                .contains(at(DAY, 9, 30), at(DAY, 11, 0));
    }

    @Test
    void anArchivedTypeOffersNothingAndAnUnknownOneIsNotFound() {
        Host host = host();
        Host other = host();
        EventType gone = type("gone", 30, 30, 0, 0, 1, null, true);
        EventType theirs = type("theirs", 30, 30, 0, 0, 1, null, true);
        append(other.id(), new EventTypeDefined(other.id(), theirs));
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), everyDay(30, "09:00", "12:00")),
                new EventTypeDefined(host.id(), gone));
        assertThat(starts(availability(host.id(), gone.id(), "date=" + DAY, position)))
                .isNotEmpty();

        position = append(host.id(), new EventTypeArchived(host.id(), gone.id()));

        Api.Response archived = availability(host.id(), gone.id(), "date=" + DAY, position);
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(archived.json().path("slots")).isEmpty();
        assertProblem(availability(host.id(), UUID.randomUUID(), "date=" + DAY, position), 404, "event-type-not-found");
        assertProblem(availability(host.id(), theirs.id(), "date=" + DAY, position), 404, "event-type-not-found");
        assertProblem(
                availability(host.id(), null, "date=" + DAY + "&eventTypeId=intro", position), 400, "invalid-request");
    }

    @Test
    void aBookingShowsItsTypeAnswersMetadataAndNoShowButNeverItsTokenDigest() {
        Host host = host();
        EventType intro = type("intro", 30, 30, 0, 0, 1, null, true);
        UUID typed = UUID.randomUUID();
        UUID old = UUID.randomUUID();
        String token = "bwm_" + UUID.randomUUID();
        BookingReserved withToken = new BookingReserved(
                typed,
                host.id(),
                at(DAY, 9, 0),
                at(DAY, 9, 30),
                0,
                0,
                BOB,
                Instant.now().plus(Duration.ofMinutes(10)),
                "deadline",
                intro.id(),
                Map.of("topic", "sales", "seats", 2),
                Map.of("crmId", "42"),
                keyDigest(token));
        long position = append(
                host.id(),
                new ScheduleDefined(host.id(), everyDay(30, "09:00", "12:00")),
                new EventTypeDefined(host.id(), intro),
                withToken,
                new BookingConfirmed(typed, host.id(), null),
                new BookingMarkedNoShow(typed, host.id(), "did not come"),
                new BookingReserved(
                        old,
                        host.id(),
                        at(DAY, 11, 0),
                        at(DAY, 11, 30),
                        0,
                        0,
                        BOB,
                        Instant.now().plus(Duration.ofMinutes(10)),
                        "deadline"));

        Api.Response read = api.get("/api/bookings/" + typed + "?minPosition=" + position, host.key());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("NO_SHOW");
        assertThat(read.text("reason")).isEqualTo("did not come");
        assertThat(read.text("eventTypeId")).isEqualTo(intro.id().toString());
        assertThat(read.json().path("answers").path("topic").asText()).isEqualTo("sales");
        assertThat(read.json().path("answers").path("seats").asInt()).isEqualTo(2);
        assertThat(read.json().path("metadata").path("crmId").asText()).isEqualTo("42");
        assertThat(read.body()).doesNotContain("manageToken").doesNotContain(keyDigest(token));

        Api.Response before = api.get("/api/bookings/" + old, host.key());
        assertThat(before.text("eventTypeId"))
                .isEqualTo(EventType.defaultIdFor(host.id()).toString());
        assertThat(before.json().path("answers").isObject()).isTrue();
        assertThat(before.json().path("answers")).isEmpty();
        assertThat(before.json().path("metadata")).isEmpty();

        Api.Response noShows = api.get("/api/hosts/" + host.id() + "/bookings?status=NO_SHOW", host.key());
        assertThat(noShows.json().path("items")).hasSize(1);
        assertThat(noShows.json().path("items").get(0).path("bookingId").asText())
                .isEqualTo(typed.toString());
        // the list by event type: the default type's includes bookings stored before types existed
        Api.Response ofIntro = api.get("/api/hosts/" + host.id() + "/bookings?eventTypeId=" + intro.id(), host.key());
        assertThat(ofIntro.json().path("items"))
                .extracting(item -> item.path("bookingId").asText())
                .containsExactly(typed.toString());
        Api.Response ofDefault = api.get(
                "/api/hosts/" + host.id() + "/bookings?eventTypeId=" + EventType.defaultIdFor(host.id()), host.key());
        assertThat(ofDefault.json().path("items"))
                .extracting(item -> item.path("bookingId").asText())
                .containsExactly(old.toString());
        assertProblem(
                api.get("/api/hosts/" + host.id() + "/bookings?eventTypeId=not-a-uuid", host.key()),
                400,
                "invalid-request");
        // a no-show holds no time: its slot is offered again
        assertThat(starts(availability(host.id(), intro.id(), "date=" + DAY, position)))
                .contains(at(DAY, 9, 0));

        Api.Response history = api.get("/api/bookings/" + typed + "/history", host.key());
        List<String> types = new ArrayList<>();
        history.json().forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("BookingReserved", "BookingConfirmed", "BookingMarkedNoShow");
        assertThat(history.json().get(0).path("data").path("eventTypeId").asText())
                .isEqualTo(intro.id().toString());
        assertThat(history.body()).doesNotContain("manageTokenSha256").doesNotContain(keyDigest(token));

        List<ConsumerRecord<String, CloudEvent>> records =
                readTopicUntil(kafka.topic(), bookingEventIdsByHost(List.of(host.id())), Duration.ofSeconds(60));
        List<String> published = new ArrayList<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            if (record.value().getSubject().equals(typed.toString())) {
                published.add(record.value().getType());
                String data = new String(record.value().getData().toBytes(), StandardCharsets.UTF_8);
                assertThat(data).doesNotContain("manageToken").doesNotContain(keyDigest(token));
                assertThat(data).contains("\"eventTypeId\":\"" + intro.id() + "\"", "\"crmId\":\"42\"");
            }
        }
        // at least once: a retried batch may publish an event again, never out of order
        assertThat(published.stream().distinct().toList())
                .containsExactly("booking.reserved", "booking.confirmed", "booking.no_show");
    }

    @Test
    void aManageTokenReadsItsOwnBookingAndNothingElse() {
        Host host = host();
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        String token = "bwm_" + UUID.randomUUID();
        String otherToken = "bwm_" + UUID.randomUUID();
        EventType intro = type("intro", 30, 30, 0, 0, 1, null, true);
        BookingReserved booked = reserved(host.id(), mine, intro, at(DAY, 9, 0));
        long position = append(
                host.id(),
                new EventTypeDefined(host.id(), intro),
                new BookingReserved(
                        mine,
                        host.id(),
                        booked.start(),
                        booked.end(),
                        0,
                        0,
                        BOB,
                        booked.expiresAt(),
                        "deadline",
                        intro.id(),
                        Map.of(),
                        Map.of(),
                        keyDigest(token)),
                new BookingReserved(
                        theirs,
                        host.id(),
                        at(DAY, 10, 0),
                        at(DAY, 10, 30),
                        0,
                        0,
                        BOB,
                        booked.expiresAt(),
                        "deadline",
                        intro.id(),
                        Map.of(),
                        Map.of(),
                        keyDigest(otherToken)));

        Api.Response own = api.get("/api/bookings/" + mine + "?minPosition=" + position, token);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.text("bookingId")).isEqualTo(mine.toString());

        assertProblem(api.get("/api/bookings/" + theirs, token), 403, "forbidden");
        assertProblem(api.get("/api/bookings/" + mine + "/history", token), 403, "forbidden");
        assertProblem(api.get("/api/hosts/" + host.id() + "/bookings", token), 403, "forbidden");
        assertProblem(api.get("/api/hosts/" + host.id() + "/event-types", token), 403, "forbidden");
        assertProblem(api.get("/api/webhooks", token), 403, "forbidden");
        assertProblem(api.get("/api/bookings/" + UUID.randomUUID(), token), 403, "forbidden");
        assertProblem(api.get("/api/bookings/" + mine, "bwm_" + UUID.randomUUID()), 401, "unauthenticated");
        // the token's digest is not a host key, and a host key is not a manage token
        assertProblem(api.get("/api/bookings/" + mine, keyDigest(token)), 401, "unauthenticated");
        assertThat(api.get("/api/bookings/" + mine, host.key()).status()).isEqualTo(200);
        assertThat(api.get("/api/bookings/" + theirs, otherToken).status()).isEqualTo(200);
    }
}
