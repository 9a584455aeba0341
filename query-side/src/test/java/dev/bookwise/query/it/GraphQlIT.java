package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.EventTypeDefined;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.events.TeamCreated;
import dev.bookwise.events.TeamEventTypeDefined;
import dev.bookwise.testsupport.Api;
import graphql.introspection.IntrospectionQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code POST /graphql} from outside: every query answers what its REST read answers, under the same
 * keys and rules field by field (anonymous, a host's key, another host's, a team's, the admin's, a
 * manage token); the depth and complexity limits; GraphiQL; and a page of bookings with their event
 * types costs the same few SQL statements whatever its size.
 */
@TestPropertySource(properties = "bookwise.jdbc.count-round-trips=true")
class GraphQlIT extends QuerySideIT {

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3);
    private static final Attendee BOB = new Attendee("Bob", "bob@example.com", "Europe/Paris");

    @Autowired
    MeterRegistry meters;

    record Host(UUID id, String key) {}

    /** A host open 09:00-17:00 UTC every day, with a public type "call" and a private type "secret". */
    private final class Calendar {
        final Host host = host("Ada");
        final EventType call = hostType("call", true);
        final EventType secret = hostType("secret", false);

        Calendar() {
            append(host.id(), new EventTypeDefined(host.id(), call), new EventTypeDefined(host.id(), secret));
        }

        UUID book(Instant start, EventType type, String manageToken) {
            UUID booking = UUID.randomUUID();
            append(host.id(), reserved(booking, host.id(), start, type.id(), manageToken));
            return booking;
        }
    }

    /** Two members, a public round-robin type, a private one, and a collective type. */
    private final class Team {
        final Host ada = host("Ada");
        final Host bea = host("Bea");
        final UUID id = UUID.randomUUID();
        final String key = "bwt_" + UUID.randomUUID();
        final TeamEventType roundRobin = TeamFixture.type("intro", Assignment.ROUND_ROBIN, true, null);
        final TeamEventType hidden = TeamFixture.type("internal", Assignment.ROUND_ROBIN, false, null);
        final TeamEventType collective = TeamFixture.type("panel", Assignment.COLLECTIVE, true, null);
        final List<UUID> both = TeamFixture.sorted(ada.id(), bea.id());

        Team() {
            appendTeam(
                    id,
                    new TeamCreated(id, "Sales", TeamFixture.members(ada.id(), bea.id()), keyDigest(key)),
                    new TeamEventTypeDefined(id, roundRobin),
                    new TeamEventTypeDefined(id, hidden),
                    new TeamEventTypeDefined(id, collective));
        }

        /** A collective booking: the same booking in both members' streams, its row under the first. */
        UUID bookCollectively(Instant start) {
            UUID booking = UUID.randomUUID();
            for (UUID member : both) {
                append(member, TeamFixture.reserved(booking, member, id, collective.id(), start, both));
            }
            return booking;
        }

        Host follower() {
            return both.get(1).equals(ada.id()) ? ada : bea;
        }
    }

    private Host host(String name) {
        UUID id = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        append(
                id,
                new HostRegistered(id, name, name.toLowerCase() + "@example.com", "UTC", keyDigest(key)),
                new ScheduleDefined(id, TeamFixture.weekdaysAndWeekends()));
        return new Host(id, key);
    }

    private static EventType hostType(String slug, boolean isPublic) {
        return TeamFixture.type(slug, Assignment.ROUND_ROBIN, isPublic, null).eventType();
    }

    private static BookingReserved reserved(UUID booking, UUID host, Instant start, UUID type, String manageToken) {
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(Duration.ofMinutes(30)),
                0,
                0,
                BOB,
                Instant.now().plus(Duration.ofMinutes(10)),
                "deadline-" + booking,
                type,
                Map.of("topic", "GraphQL"),
                Map.of("source", "it"),
                manageToken == null ? null : keyDigest(manageToken),
                null,
                null);
    }

    private static Instant at(String time) {
        return Instant.parse(DAY + "T" + time + ":00Z");
    }

    /** A query once the projections have every event appended so far (read-your-writes, as on REST). */
    private Api.Response query(String key, String document) {
        Long position = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return api.post("/graphql?minPosition=" + position, key, Api.json(Map.of("query", document)));
    }

    /** The data of an answer without errors. */
    private static JsonNode data(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("errors").isMissingNode())
                .as(response.toString())
                .isTrue();
        return response.json().path("data");
    }

    /** The answer's one error: its {@code extensions.code}, after checking it names no stack trace. */
    private static String errorCode(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode errors = response.json().path("errors");
        assertThat(errors.size()).as(response.toString()).isEqualTo(1);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        return errors.get(0).path("extensions").path("code").asText();
    }

    private static List<String> texts(JsonNode list, String field) {
        List<String> values = new ArrayList<>();
        list.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    @Test
    void availabilityIsTheRestAnswersSlotsForAHostItsTypeAndATeam() {
        Calendar calendar = new Calendar();
        calendar.book(at("10:00"), calendar.call, null);
        Team team = new Team();
        append(team.ada.id(), TeamFixture.ownBooking(UUID.randomUUID(), team.ada.id(), at("09:00")));

        for (String args : List.of(
                "hostId=" + calendar.host.id(),
                "hostId=" + calendar.host.id() + "&eventTypeId=" + calendar.call.id(),
                "teamId=" + team.id + "&eventTypeId=" + team.roundRobin.id(),
                "teamId=" + team.id + "&eventTypeId=" + team.collective.id())) {
            String range = "&from=" + DAY + "&to=" + DAY.plusDays(1) + "&timezone=Europe/Paris";
            Api.Response rest = api.get("/api/availability?" + args + range, null);
            assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
            String arguments = args.replace("=", ": \"").replace("&", "\", ") + "\", from: \"" + DAY + "\", to: \""
                    + DAY.plusDays(1) + "\", timezone: \"Europe/Paris\"";
            JsonNode graph = data(query(
                            null,
                            "{ availability(" + arguments
                                    + ") { timezone from to slots { start end localStart seatsLeft } } }"))
                    .path("availability");

            assertThat(graph.path("timezone").asText()).isEqualTo("Europe/Paris");
            assertThat(graph.path("from").asText()).isEqualTo(DAY.toString());
            List<String> restSlots = new ArrayList<>();
            rest.json()
                    .path("slots")
                    .forEach(slot -> restSlots.add(
                            slot.path("start").asText() + " " + slot.path("end").asText() + " "
                                    + slot.path("localStart").asText() + " "
                                    + slot.path("seatsLeft").asText("null")));
            List<String> graphSlots = new ArrayList<>();
            graph.path("slots")
                    .forEach(slot -> graphSlots.add(
                            slot.path("start").asText() + " " + slot.path("end").asText() + " "
                                    + slot.path("localStart").asText() + " "
                                    + slot.path("seatsLeft").asText("null")));
            assertThat(graphSlots).as(args).isNotEmpty().isEqualTo(restSlots);
        }
        // the host's booked 10:00 and the team member's own 09:00 are taken, as REST says
        Api.Response booked = query(
                null,
                "{ availability(hostId: \"" + calendar.host.id() + "\", from: \"" + DAY + "\", to: \"" + DAY
                        + "\") { slots { start } } }");
        assertThat(texts(data(booked).path("availability").path("slots"), "start"))
                .doesNotContain(at("10:00").toString())
                .contains(at("09:00").toString());

        // the REST problems, as errors with their codes
        assertThat(errorCode(query(
                        null,
                        "{ availability(hostId: \"" + UUID.randomUUID() + "\", from: \"" + DAY + "\", to: \"" + DAY
                                + "\") { timezone } }")))
                .isEqualTo("host-not-found");
        assertThat(errorCode(query(
                        null,
                        "{ availability(hostId: \"" + calendar.host.id() + "\", from: \"" + DAY + "\", to: \""
                                + DAY.minusDays(1) + "\") { timezone } }")))
                .isEqualTo("invalid-range");
        assertThat(errorCode(query(
                        null,
                        "{ availability(teamId: \"" + team.id + "\", eventTypeId: \"" + UUID.randomUUID()
                                + "\", from: \"" + DAY + "\", to: \"" + DAY + "\") { timezone } }")))
                .isEqualTo("event-type-not-found");
        assertThat(errorCode(query(
                        null,
                        "{ availability(teamId: \"" + UUID.randomUUID() + "\", eventTypeId: \"" + UUID.randomUUID()
                                + "\", from: \"" + DAY + "\", to: \"" + DAY + "\") { timezone } }")))
                .isEqualTo("team-not-found");
        assertThat(errorCode(query(
                        null,
                        "{ availability(hostId: \"nope\", from: \"" + DAY + "\", to: \"" + DAY + "\") { timezone } }")))
                .isEqualTo("invalid-request");
    }

    @Test
    void eventTypesAreThePublicOnesWithoutAKeyEveryOneForTheOwnerAndForbiddenToOthers() {
        Calendar calendar = new Calendar();
        Host other = host("Eve");
        String token = "bwm_" + UUID.randomUUID();
        calendar.book(at("10:00"), calendar.call, token);
        Team team = new Team();
        String hostTypes =
                "{ eventTypes(hostId: \"" + calendar.host.id() + "\") { eventTypeId slug public archived } }";
        String teamTypes = "{ eventTypes(teamId: \"" + team.id + "\") { slug assignment members } }";

        assertThat(texts(data(query(null, hostTypes)).path("eventTypes"), "slug"))
                .containsExactly("call");
        assertThat(texts(data(query(calendar.host.key(), hostTypes)).path("eventTypes"), "slug"))
                .containsExactly("default", "call", "secret");
        assertThat(texts(data(query(ADMIN, hostTypes)).path("eventTypes"), "slug"))
                .containsExactly("default", "call", "secret");
        assertThat(errorCode(query(other.key(), hostTypes))).isEqualTo("forbidden");
        assertThat(errorCode(query(token, hostTypes))).isEqualTo("forbidden");
        assertThat(errorCode(query(team.key, hostTypes))).isEqualTo("forbidden");

        JsonNode publicTeamTypes = data(query(null, teamTypes)).path("eventTypes");
        assertThat(texts(publicTeamTypes, "slug")).containsExactly("intro", "panel");
        assertThat(texts(publicTeamTypes, "assignment")).containsExactly("ROUND_ROBIN", "COLLECTIVE");
        assertThat(texts(data(query(team.key, teamTypes)).path("eventTypes"), "slug"))
                .containsExactly("internal", "intro", "panel");
        assertThat(errorCode(query(team.ada.key(), teamTypes))).isEqualTo("forbidden");

        assertThat(errorCode(query(null, "{ eventTypes(hostId: \"" + UUID.randomUUID() + "\") { slug } }")))
                .isEqualTo("host-not-found");
        assertThat(errorCode(query(null, "{ eventTypes(teamId: \"" + UUID.randomUUID() + "\") { slug } }")))
                .isEqualTo("team-not-found");
        assertThat(errorCode(query(null, "{ eventTypes { slug } }"))).isEqualTo("invalid-request");
    }

    @Test
    void aBookingIsForItsHostTheAdminItsTeamAMemberAndItsOwnManageTokenOnly() {
        Calendar calendar = new Calendar();
        Host other = host("Eve");
        String token = "bwm_" + UUID.randomUUID();
        String otherToken = "bwm_" + UUID.randomUUID();
        UUID mine = calendar.book(at("10:00"), calendar.call, token);
        UUID theirs = calendar.book(at("11:00"), calendar.secret, otherToken);
        Team team = new Team();
        UUID collective = team.bookCollectively(at("14:00"));
        String fields = "{ bookingId hostId status start end attendee { name email } answers metadata"
                + " eventType { slug title public } host { hostId timeZone } team { name } }";

        JsonNode booking = data(query(calendar.host.key(), "{ booking(id: \"" + mine + "\") " + fields + " }"))
                .path("booking");
        assertThat(booking.path("bookingId").asText()).isEqualTo(mine.toString());
        assertThat(booking.path("status").asText()).isEqualTo("RESERVED");
        assertThat(booking.path("start").asText()).isEqualTo(at("10:00").toString());
        assertThat(booking.path("attendee").path("name").asText()).isEqualTo("Bob");
        assertThat(booking.path("answers").path("topic").asText()).isEqualTo("GraphQL");
        assertThat(booking.path("metadata").path("source").asText()).isEqualTo("it");
        assertThat(booking.path("eventType").path("slug").asText()).isEqualTo("call");
        assertThat(booking.path("host").path("timeZone").asText()).isEqualTo("UTC");
        assertThat(booking.path("team").isNull()).isTrue();
        // the same booking as REST shows it
        JsonNode rest = api.get("/api/bookings/" + mine, calendar.host.key()).json();
        assertThat(booking.path("end").asText()).isEqualTo(rest.path("end").asText());
        assertThat(booking.path("hostId").asText())
                .isEqualTo(rest.path("hostId").asText());

        String mineQuery = "{ booking(id: \"" + mine + "\") { bookingId eventType { slug } } }";
        assertThat(data(query(ADMIN, mineQuery)).at("/booking/bookingId").asText())
                .isEqualTo(mine.toString());
        assertThat(data(query(token, mineQuery)).at("/booking/eventType/slug").asText())
                .isEqualTo("call");
        assertThat(errorCode(query(otherToken, mineQuery))).isEqualTo("forbidden");
        assertThat(errorCode(query(other.key(), mineQuery))).isEqualTo("forbidden");
        assertThat(errorCode(query(team.key, mineQuery))).isEqualTo("forbidden");
        assertThat(errorCode(query(null, mineQuery))).isEqualTo("unauthenticated");
        assertThat(errorCode(query(token, "{ booking(id: \"" + theirs + "\") { bookingId } }")))
                .isEqualTo("forbidden");
        assertThat(errorCode(
                        query(calendar.host.key(), "{ booking(id: \"" + UUID.randomUUID() + "\") { bookingId } }")))
                .isEqualTo("booking-not-found");
        assertThat(errorCode(query(calendar.host.key(), "{ booking(id: \"nope\") { bookingId } }")))
                .isEqualTo("invalid-request");

        // a collective booking: its team's key, and each member's; the team's members need the team's key
        String collectiveQuery = "{ booking(id: \"" + collective + "\") { hostIds eventType { slug assignment }"
                + " team { teamId name members { hostId } } } }";
        JsonNode byTeam = data(query(team.key, collectiveQuery)).path("booking");
        assertThat(byTeam.at("/eventType/assignment").asText()).isEqualTo("COLLECTIVE");
        assertThat(texts(byTeam.at("/team/members"), "hostId"))
                .containsExactly(team.ada.id().toString(), team.bea.id().toString());
        Api.Response byMember = query(team.follower().key(), collectiveQuery);
        assertThat(errorCode(byMember)).isEqualTo("forbidden");
        JsonNode error = byMember.json().path("errors").get(0);
        assertThat(error.path("path").toString()).isEqualTo("[\"booking\",\"team\",\"members\"]");
        assertThat(error.path("extensions").path("classification").asText()).isEqualTo("FORBIDDEN");
        JsonNode seenByMember = byMember.json().at("/data/booking");
        assertThat(seenByMember.at("/team/name").asText()).isEqualTo("Sales");
        assertThat(seenByMember.at("/team/members").isNull()).isTrue();
        assertThat(seenByMember.at("/eventType/slug").asText()).isEqualTo("panel");
    }

    @Test
    void bookingsAreAConnectionPagedWithTheRestCursorForTheHostOrTheTeam() {
        Calendar calendar = new Calendar();
        Host other = host("Eve");
        String token = "bwm_" + UUID.randomUUID();
        UUID first = calendar.book(at("09:00"), calendar.call, token);
        UUID second = calendar.book(at("10:00"), calendar.secret, null);
        UUID third = calendar.book(at("11:00"), calendar.call, null);
        append(calendar.host.id(), new BookingConfirmed(first, calendar.host.id(), null));
        append(calendar.host.id(), new BookingCancelled(second, calendar.host.id(), "ill"));
        Team team = new Team();
        UUID collective = team.bookCollectively(at("14:00"));
        String page = "{ bookings(hostId: \"" + calendar.host.id() + "\", first: 2) {"
                + " edges { cursor node { bookingId status eventType { slug } } }"
                + " pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }";

        JsonNode firstPage = data(query(calendar.host.key(), page)).path("bookings");
        List<String> ids = new ArrayList<>();
        firstPage
                .path("edges")
                .forEach(edge -> ids.add(edge.at("/node/bookingId").asText()));
        assertThat(ids).containsExactly(first.toString(), second.toString());
        assertThat(firstPage.at("/edges/0/node/status").asText()).isEqualTo("CONFIRMED");
        assertThat(firstPage.at("/edges/1/node/eventType/slug").asText()).isEqualTo("secret");
        assertThat(firstPage.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(firstPage.at("/pageInfo/hasPreviousPage").asBoolean()).isFalse();
        String endCursor = firstPage.at("/pageInfo/endCursor").asText();
        assertThat(endCursor).isEqualTo(firstPage.at("/edges/1/cursor").asText());
        // the cursor is REST's own
        Api.Response restPage = api.get("/api/hosts/" + calendar.host.id() + "/bookings?limit=2", calendar.host.key());
        assertThat(restPage.text("next")).isEqualTo(endCursor);

        JsonNode secondPage = data(query(
                        calendar.host.key(),
                        "{ bookings(hostId: \"" + calendar.host.id() + "\", first: 2, after: \"" + endCursor + "\") {"
                                + " edges { node { bookingId } } pageInfo { hasNextPage hasPreviousPage } } }"))
                .path("bookings");
        assertThat(secondPage.at("/edges/0/node/bookingId").asText()).isEqualTo(third.toString());
        assertThat(secondPage.path("edges").size()).isEqualTo(1);
        assertThat(secondPage.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
        assertThat(secondPage.at("/pageInfo/hasPreviousPage").asBoolean()).isTrue();

        JsonNode cancelled = data(query(
                        ADMIN,
                        "{ bookings(hostId: \"" + calendar.host.id() + "\", status: [CANCELLED]) {"
                                + " edges { node { bookingId reason } } } }"))
                .path("bookings");
        assertThat(cancelled.path("edges").size()).isEqualTo(1);
        assertThat(cancelled.at("/edges/0/node/reason").asText()).isEqualTo("ill");

        String teamPage = "{ bookings(teamId: \"" + team.id + "\") { edges { node { bookingId hostIds } } } }";
        JsonNode teamBookings = data(query(team.key, teamPage)).path("bookings");
        assertThat(teamBookings.at("/edges/0/node/bookingId").asText()).isEqualTo(collective.toString());
        assertThat(teamBookings.path("edges").size()).isEqualTo(1);
        // a member's own list holds the collective booking too, as REST's does
        assertThat(data(query(
                                team.follower().key(),
                                "{ bookings(hostId: \"" + team.follower().id()
                                        + "\") { edges { node { bookingId } } } }"))
                        .at("/bookings/edges/0/node/bookingId")
                        .asText())
                .isEqualTo(collective.toString());

        assertThat(errorCode(query(other.key(), page))).isEqualTo("forbidden");
        assertThat(errorCode(query(token, page))).isEqualTo("forbidden");
        assertThat(errorCode(query(team.key, page))).isEqualTo("forbidden");
        assertThat(errorCode(query(null, page))).isEqualTo("unauthenticated");
        assertThat(errorCode(query(calendar.host.key(), teamPage))).isEqualTo("forbidden");
        assertThat(errorCode(query(
                        calendar.host.key(),
                        "{ bookings(hostId: \"" + calendar.host.id() + "\", first: 500) { edges { cursor } } }")))
                .isEqualTo("invalid-request");
        assertThat(errorCode(query(
                        calendar.host.key(),
                        "{ bookings(hostId: \"" + calendar.host.id()
                                + "\", after: \"garbage\") { edges { cursor } } }")))
                .isEqualTo("invalid-request");
    }

    @Test
    void historyAndTheCalendarAsOfAnInstantComeFromTheEventStoreForTheHost() {
        Calendar calendar = new Calendar();
        Host other = host("Eve");
        String token = "bwm_" + UUID.randomUUID();
        UUID booking = calendar.book(at("10:00"), calendar.call, token);
        append(calendar.host.id(), new BookingConfirmed(booking, calendar.host.id(), "see you"));
        String history = "{ bookingHistory(id: \"" + booking + "\") { sequence type occurredAt data } }";

        JsonNode events = data(query(calendar.host.key(), history)).path("bookingHistory");
        assertThat(texts(events, "type")).containsExactly("BookingReserved", "BookingConfirmed");
        assertThat(events.at("/1/data/reason").asText()).isEqualTo("see you");
        assertThat(events.at("/0/data").has("manageTokenSha256")).isFalse();
        JsonNode rest = api.get("/api/bookings/" + booking + "/history", calendar.host.key())
                .json();
        assertThat(events.at("/0/sequence").asLong())
                .isEqualTo(rest.at("/0/sequence").asLong());
        assertThat(errorCode(query(token, history))).isEqualTo("forbidden");
        assertThat(errorCode(query(other.key(), history))).isEqualTo("forbidden");
        assertThat(errorCode(query(null, history))).isEqualTo("unauthenticated");

        String now = "{ calendarAsOf(hostId: \"" + calendar.host.id() + "\") { hostId asOf"
                + " schedule { timeZone slotMinutes weeklyHours { day hours { start end } } }"
                + " eventTypes { slug } windows { startTime } bookings { bookingId status eventType { slug } } } }";
        JsonNode asOfNow = data(query(calendar.host.key(), now)).path("calendarAsOf");
        assertThat(asOfNow.at("/schedule/timeZone").asText()).isEqualTo("UTC");
        assertThat(asOfNow.at("/schedule/weeklyHours").size()).isEqualTo(7);
        assertThat(asOfNow.at("/schedule/weeklyHours/0/hours/0/start").asText()).isEqualTo("09:00");
        assertThat(texts(asOfNow.path("eventTypes"), "slug")).containsExactly("default", "call", "secret");
        assertThat(asOfNow.at("/bookings/0/bookingId").asText()).isEqualTo(booking.toString());
        assertThat(asOfNow.at("/bookings/0/status").asText()).isEqualTo("CONFIRMED");
        assertThat(asOfNow.at("/bookings/0/eventType/slug").asText()).isEqualTo("call");

        JsonNode before = data(query(
                        ADMIN,
                        "{ calendarAsOf(hostId: \"" + calendar.host.id()
                                + "\", asOf: \"2001-01-01T00:00:00Z\") { asOf schedule { timeZone } bookings { bookingId } } }"))
                .path("calendarAsOf");
        assertThat(before.path("asOf").asText()).isEqualTo("2001-01-01T00:00:00Z");
        assertThat(before.path("bookings")).isEmpty();
        assertThat(before.path("schedule").isNull()).isTrue();

        assertThat(errorCode(query(other.key(), now))).isEqualTo("forbidden");
        assertThat(errorCode(query(token, now))).isEqualTo("forbidden");
        assertThat(errorCode(query(null, now))).isEqualTo("unauthenticated");
        assertThat(errorCode(query(ADMIN, "{ calendarAsOf(hostId: \"" + UUID.randomUUID() + "\") { asOf } }")))
                .isEqualTo("host-not-found");
    }

    @Test
    void aDocumentDeeperThanTenOrSelectingMoreThanTheLimitIsRefusedBeforeAnythingIsRead() {
        Calendar calendar = new Calendar();
        String types = "eventTypes(hostId: \"" + calendar.host.id() + "\") { slug } ";
        // 10 deep: __type, fields, type, six ofType, name; one ofType more is 11
        String depthTen = "__type(name: \"Booking\") { fields { type { ofType { ofType { ofType { ofType { ofType"
                + " { ofType { name } } } } } } } } }";
        String depthEleven = "__type(name: \"Booking\") { fields { type { ofType { ofType { ofType { ofType { ofType"
                + " { ofType { ofType { name } } } } } } } } } }";

        assertThat(data(query(null, "{ " + types + depthTen + " }")).path("eventTypes"))
                .isNotEmpty();
        Api.Response tooDeep = query(null, "{ " + types + depthEleven + " }");
        assertThat(errorCode(tooDeep)).isEqualTo("invalid-request");
        assertThat(tooDeep.json().path("errors").get(0).path("message").asText())
                .contains("11")
                .contains("10");
        assertThat(tooDeep.json().path("data").path("eventTypes").isMissingNode())
                .isTrue();

        StringBuilder wide = new StringBuilder("{ ");
        for (int i = 0; i < 101; i++) {
            wide.append("a").append(i).append(": ").append(types);
        }
        Api.Response tooComplex = query(null, wide.append("}").toString());
        assertThat(errorCode(tooComplex)).isEqualTo("invalid-request");
        assertThat(tooComplex.json().path("errors").get(0).path("message").asText())
                .contains("202")
                .contains("200");
        assertThat(tooComplex.json().path("data").path("a0").isMissingNode()).isTrue();
    }

    @Test
    void graphiqlIsServedWithoutAKeyAndTheSchemaCanBeIntrospected() {
        Api.Response redirect = api.get("/graphiql", null);
        assertThat(redirect.status()).as(redirect.toString()).isIn(302, 307);
        assertThat(redirect.header("Location")).contains("/graphiql?path=/graphql");
        Api.Response page = api.get("/graphiql?path=/graphql", null);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).containsIgnoringCase("graphiql");

        // read-your-writes as on REST: a position no write returned is answered at once, marked stale
        Api.Response stale =
                api.post("/graphql?minPosition=999999999", null, Api.json(Map.of("query", "{ __typename }")));
        assertThat(data(stale).path("__typename").asText()).isEqualTo("Query");
        assertThat(stale.header("X-Bookwise-Stale")).isEqualTo("true");

        // GraphiQL's own question (13 deep) is answered: introspection alone is not held to the depth limit
        JsonNode schema =
                data(query(null, IntrospectionQuery.INTROSPECTION_QUERY)).path("__schema");
        assertThat(schema.at("/queryType/name").asText()).isEqualTo("Query");
        List<String> typeNames = texts(schema.path("types"), "name");
        assertThat(typeNames)
                .contains(
                        "Host",
                        "Team",
                        "EventType",
                        "Schedule",
                        "Slot",
                        "Booking",
                        "BookingEvent",
                        "BookingConnection");
    }

    @Test
    void aPageOfBookingsWithTheirEventTypesIsTheSameFewStatementsForTenAsForAHundred() {
        Calendar small = new Calendar();
        Calendar large = new Calendar();
        book(small, 10);
        book(large, 100);
        // wait for the projections once, so that the measured requests do no waiting of their own
        data(query(ADMIN, "{ __typename }"));

        Measured ten = measure(() -> page(small));
        Measured hundred = measure(() -> page(large));

        assertThat(data(ten.response()).at("/bookings/edges").size()).isEqualTo(10);
        JsonNode edges = data(hundred.response()).at("/bookings/edges");
        assertThat(edges.size()).isEqualTo(100);
        edges.forEach(
                edge -> assertThat(edge.at("/node/eventType/title").asText()).isIn("Default", "call", "secret"));
        assertThat(hundred.roundTrips()).as("a page of 100").isEqualTo(ten.roundTrips());
        // the host's existence, the page, the defined types, the default type's schedule
        assertThat(hundred.roundTrips()).isEqualTo(4);
    }

    /** {@code count} bookings, a third of each of the host's types: call, secret and its default type. */
    private void book(Calendar calendar, int count) {
        List<UUID> types =
                List.of(calendar.call.id(), calendar.secret.id(), EventType.defaultIdFor(calendar.host.id()));
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(reserved(
                    UUID.randomUUID(),
                    calendar.host.id(),
                    DAY.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofMinutes(30L * i)),
                    types.get(i % 3),
                    null));
        }
        append(calendar.host.id(), events.toArray());
    }

    private Api.Response page(Calendar calendar) {
        return api.post(
                "/graphql",
                ADMIN,
                Api.json(Map.of(
                        "query",
                        "{ bookings(hostId: \"" + calendar.host.id() + "\", first: 100) {"
                                + " edges { node { bookingId eventType { title } } } } }")));
    }

    record Measured(Api.Response response, long roundTrips) {}

    /** The database round trips of one request, from the bookwise.db.round.trips summaries. */
    private Measured measure(Supplier<Api.Response> request) {
        double[] before = totals();
        Api.Response response = request.get();
        // the count is recorded when the filter chain returns, which may be just after the client has the answer
        long deadline = System.nanoTime() + 5_000_000_000L;
        double[] after = totals();
        while (after[0] == before[0] && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            after = totals();
        }
        assertThat(after[0]).as("one request recorded").isEqualTo(before[0] + 1);
        return new Measured(response, Math.round(after[1] - before[1]));
    }

    private double[] totals() {
        double[] totals = new double[2];
        Search.in(meters).name("bookwise.db.round.trips").summaries().forEach(summary -> {
            totals[0] += summary.count();
            totals[1] += summary.totalAmount();
        });
        return totals;
    }
}
