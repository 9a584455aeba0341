package dev.bookwise.query.it;

import static dev.bookwise.query.it.TeamFixture.ownBooking;
import static dev.bookwise.query.it.TeamFixture.reserved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.events.TeamCreated;
import dev.bookwise.events.TeamEventTypeArchived;
import dev.bookwise.events.TeamEventTypeDefined;
import dev.bookwise.testsupport.Api;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Teams on the query side: a team's availability (round robin: some member free; collective: every
 * member free), team bookings in each member's list and in the team's, each change of a collective
 * booking once in its history, and who may read what with a team's key.
 */
class TeamsIT extends QuerySideIT {

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3);

    record Host(UUID id, String key) {}

    /** Two members and a third host outside, a team of the two with a round-robin, a collective and a private type. */
    private final class Team {
        final Host ada = host("Ada");
        final Host bea = host("Bea");
        final Host cy = host("Cy");
        final UUID id = UUID.randomUUID();
        final String key = "bwt_" + UUID.randomUUID();
        final TeamEventType roundRobin = TeamFixture.type("intro", Assignment.ROUND_ROBIN, true, null);
        final TeamEventType collective = TeamFixture.type("panel", Assignment.COLLECTIVE, true, null);
        final TeamEventType hidden = TeamFixture.type("internal", Assignment.ROUND_ROBIN, false, null);
        final TeamEventType archived = TeamFixture.type("old", Assignment.COLLECTIVE, true, null);
        final List<UUID> both = TeamFixture.sorted(ada.id(), bea.id());
        long position;

        Team() {
            position = appendTeam(
                    id,
                    new TeamCreated(id, "Sales", TeamFixture.members(ada.id(), bea.id()), keyDigest(key)),
                    new TeamEventTypeDefined(id, roundRobin),
                    new TeamEventTypeDefined(id, collective),
                    new TeamEventTypeDefined(id, hidden),
                    new TeamEventTypeDefined(id, archived),
                    new TeamEventTypeArchived(id, archived.id()));
        }

        /** A collective booking: the same booking in both members' streams. */
        UUID bookCollectively(Instant start) {
            UUID booking = UUID.randomUUID();
            for (UUID member : both) {
                position = append(member, reserved(booking, member, id, collective.id(), start, both));
            }
            return booking;
        }

        UUID leader() {
            return both.get(0);
        }

        UUID follower() {
            return both.get(1);
        }

        Host member(UUID id) {
            return ada.id().equals(id) ? ada : bea;
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

    private static Instant at(String time) {
        return Instant.parse(DAY + "T" + time + ":00Z");
    }

    private List<String> starts(Api.Response availability) {
        assertThat(availability.status()).as(availability.toString()).isEqualTo(200);
        List<String> starts = new ArrayList<>();
        availability
                .json()
                .path("slots")
                .forEach(slot -> starts.add(slot.path("start").asText()));
        return starts;
    }

    private Api.Response teamAvailability(Team team, TeamEventType type) {
        return api.get(
                "/api/availability?teamId=" + team.id + "&eventTypeId=" + type.id() + "&date=" + DAY + "&minPosition="
                        + team.position,
                null);
    }

    private List<String> ids(Api.Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("items").forEach(item -> ids.add(item.path("bookingId").asText()));
        return ids;
    }

    @Test
    void roundRobinOffersAStartWhenSomeMemberIsFreeCollectiveOnlyWhenEveryMemberIs() {
        Team team = new Team();
        // Ada is busy at 10:00 with a booking of her own
        team.position = append(team.ada.id(), ownBooking(UUID.randomUUID(), team.ada.id(), at("10:00")));
        // both are busy at 11:00 with a collective booking (under its first member only in booking_view)
        team.bookCollectively(at("11:00"));

        List<String> roundRobin = starts(teamAvailability(team, team.roundRobin));
        List<String> collective = starts(teamAvailability(team, team.collective));
        assertThat(roundRobin)
                .contains(
                        at("09:00").toString(),
                        at("10:00").toString(),
                        at("11:30").toString());
        assertThat(roundRobin).doesNotContain(at("11:00").toString());
        assertThat(collective).contains(at("09:00").toString(), at("11:30").toString());
        assertThat(collective)
                .doesNotContain(at("10:00").toString(), at("11:00").toString());
        assertThat(roundRobin).hasSize(16 - 1);
        assertThat(collective).hasSize(16 - 2);

        // the member that is not first still has the collective booking in its own availability
        Api.Response follower = api.get(
                "/api/availability?hostId=" + team.follower() + "&date=" + DAY + "&minPosition=" + team.position, null);
        assertThat(starts(follower))
                .doesNotContain(at("11:00").toString())
                .contains(at("11:30").toString());

        Api.Response answer = teamAvailability(team, team.collective);
        assertThat(answer.json().path("teamId").asText()).isEqualTo(team.id.toString());
        assertThat(answer.json().has("hostId")).isFalse();
        assertThat(answer.json().path("timezone").asText()).isEqualTo("UTC");
        assertThat(answer.json().path("slots").get(0).has("seatsLeft")).isFalse();
        // in another zone the same starts, read there
        Api.Response paris = api.get(
                "/api/availability?teamId=" + team.id + "&eventTypeId=" + team.collective.id() + "&date=" + DAY
                        + "&timezone=Europe/Paris",
                null);
        assertThat(paris.json().path("timezone").asText()).isEqualTo("Europe/Paris");
    }

    @Test
    void teamAvailabilityRefusesBadQuestionsWithProblems() {
        Team team = new Team();
        String base = "/api/availability?date=" + DAY;
        Api.Response both = api.get(
                base + "&hostId=" + team.ada.id() + "&teamId=" + team.id + "&eventTypeId=" + team.roundRobin.id()
                        + "&minPosition=" + team.position,
                null);
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.code()).isEqualTo("invalid-request");
        Api.Response noType = api.get(base + "&teamId=" + team.id, null);
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.code()).isEqualTo("invalid-request");
        assertThat(api.get(base + "&teamId=nope&eventTypeId=" + team.roundRobin.id(), null)
                        .code())
                .isEqualTo("invalid-request");
        Api.Response unknownTeam =
                api.get(base + "&teamId=" + UUID.randomUUID() + "&eventTypeId=" + UUID.randomUUID(), null);
        assertThat(unknownTeam.status()).isEqualTo(404);
        assertThat(unknownTeam.code()).isEqualTo("team-not-found");
        Api.Response unknownType = api.get(base + "&teamId=" + team.id + "&eventTypeId=" + UUID.randomUUID(), null);
        assertThat(unknownType.status()).isEqualTo(404);
        assertThat(unknownType.code()).isEqualTo("event-type-not-found");
        // a host's type is not the team's
        Api.Response hostsType = api.get(
                base + "&teamId=" + team.id + "&eventTypeId="
                        + dev.bookwise.calendar.types.EventType.defaultIdFor(team.ada.id()),
                null);
        assertThat(hostsType.code()).isEqualTo("event-type-not-found");
        // an archived type offers nothing, as a host's archived type
        assertThat(starts(teamAvailability(team, team.archived))).isEmpty();
    }

    @Test
    void aCollectiveBookingIsListedOnceForEachMemberAndTheTeamAndReadByThem() {
        Team team = new Team();
        UUID collective = team.bookCollectively(at("13:00"));
        UUID roundRobin = UUID.randomUUID();
        // round robin: in the assigned member's stream only
        team.position = append(
                team.bea.id(), reserved(roundRobin, team.bea.id(), team.id, team.roundRobin.id(), at("14:00"), null));
        UUID own = UUID.randomUUID();
        team.position = append(team.ada.id(), ownBooking(own, team.ada.id(), at("15:00")));
        String min = "?minPosition=" + team.position;

        assertThat(ids(api.get("/api/hosts/" + team.ada.id() + "/bookings" + min, team.ada.key())))
                .containsExactly(collective.toString(), own.toString());
        assertThat(ids(api.get("/api/hosts/" + team.bea.id() + "/bookings" + min, team.bea.key())))
                .containsExactly(collective.toString(), roundRobin.toString());
        assertThat(ids(api.get("/api/teams/" + team.id + "/bookings" + min, team.key)))
                .containsExactly(collective.toString(), roundRobin.toString());
        assertThat(ids(api.get("/api/teams/" + team.id + "/bookings" + min, ADMIN)))
                .containsExactly(collective.toString(), roundRobin.toString());
        // filters and paging as for a host
        assertThat(ids(api.get("/api/teams/" + team.id + "/bookings?eventTypeId=" + team.roundRobin.id(), team.key)))
                .containsExactly(roundRobin.toString());
        Api.Response first = api.get("/api/teams/" + team.id + "/bookings?limit=1", team.key);
        assertThat(ids(first)).containsExactly(collective.toString());
        assertThat(ids(api.get("/api/teams/" + team.id + "/bookings?limit=1&cursor=" + first.text("next"), team.key)))
                .containsExactly(roundRobin.toString());
        Api.Response paged = api.get("/api/hosts/" + team.follower() + "/bookings?limit=1", ADMIN);
        assertThat(ids(paged)).hasSize(1);
        assertThat(ids(api.get(
                        "/api/hosts/" + team.follower() + "/bookings?limit=1&cursor=" + paged.text("next"), ADMIN)))
                .hasSize(1);
        assertThat(api.get("/api/teams/" + team.id + "/bookings?status=NOPE", team.key)
                        .code())
                .isEqualTo("invalid-request");

        // the booking as each may read it
        JsonNode booking = api.get("/api/bookings/" + collective, team.key).json();
        assertThat(booking.path("teamId").asText()).isEqualTo(team.id.toString());
        assertThat(booking.path("hostId").asText()).isEqualTo(team.leader().toString());
        assertThat(booking.path("hostIds").toString())
                .isEqualTo("[\"" + team.both.get(0) + "\",\"" + team.both.get(1) + "\"]");
        assertThat(booking.path("eventTypeId").asText())
                .isEqualTo(team.collective.id().toString());
        assertThat(api.get(
                                "/api/bookings/" + collective,
                                team.member(team.follower()).key())
                        .status())
                .isEqualTo(200);
        assertThat(api.get(
                                "/api/bookings/" + collective,
                                team.member(team.leader()).key())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/bookings/" + collective, team.cy.key()).code()).isEqualTo("forbidden");
        assertThat(api.get("/api/bookings/" + roundRobin, team.ada.key()).code())
                .isEqualTo("forbidden");
        assertThat(api.get("/api/bookings/" + own, team.key).code()).isEqualTo("forbidden");
        assertThat(api.get("/api/bookings/" + roundRobin, team.key).status()).isEqualTo(200);
        assertThat(api.get("/api/bookings/" + own, team.ada.key()).json().has("teamId"))
                .isFalse();

        // a team's bookings: its own key or the admin
        Team other = new Team();
        String list = "/api/teams/" + team.id + "/bookings?minPosition=" + other.position;
        assertThat(api.get(list, other.key).status()).isEqualTo(403);
        assertThat(api.get(list, other.key).code()).isEqualTo("forbidden");
        assertThat(api.get(list, team.ada.key()).code()).isEqualTo("forbidden");
        assertThat(api.get(list, null).code()).isEqualTo("unauthenticated");
        assertThat(api.get("/api/bookings/" + collective, other.key).code()).isEqualTo("forbidden");
        Api.Response unknown = api.get("/api/teams/" + UUID.randomUUID() + "/bookings", ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("team-not-found");
        assertThat(api.get("/api/teams/" + UUID.randomUUID() + "/bookings", team.key)
                        .code())
                .isEqualTo("forbidden");
        // a team key is no member's key
        assertThat(api.get("/api/hosts/" + team.ada.id() + "/bookings", team.key)
                        .code())
                .isEqualTo("forbidden");
    }

    @Test
    void aCollectiveBookingsHistoryShowsEachChangeOnceAndEveryMembersCalendarHasIt() {
        Team team = new Team();
        UUID collective = team.bookCollectively(at("12:00"));
        for (UUID member : team.both) {
            team.position = append(member, new BookingConfirmed(collective, member, "see you"));
        }
        Api.Response read = api.get("/api/bookings/" + collective + "?minPosition=" + team.position, ADMIN);
        assertThat(read.text("status")).isEqualTo("CONFIRMED");
        assertThat(api.get(
                                "/api/bookings/" + collective,
                                team.member(team.follower()).key())
                        .text("status"))
                .isEqualTo("CONFIRMED");

        for (String key : List.of(ADMIN, team.key, team.ada.key(), team.bea.key())) {
            Api.Response history = api.get("/api/bookings/" + collective + "/history", key);
            assertThat(history.status()).as(history.toString()).isEqualTo(200);
            List<String> types = new ArrayList<>();
            history.json().forEach(entry -> types.add(entry.path("type").asText()));
            assertThat(types).containsExactly("BookingReserved", "BookingConfirmed");
            assertThat(history.json().get(0).path("data").path("hostId").asText())
                    .isEqualTo(team.leader().toString());
        }
        assertThat(api.get("/api/bookings/" + collective + "/history", team.cy.key())
                        .code())
                .isEqualTo("forbidden");
        // its calendar file: the same readers
        for (String key : List.of(ADMIN, team.key, team.ada.key(), team.bea.key())) {
            Api.Response file = api.get("/api/bookings/" + collective + "/calendar.ics", key);
            assertThat(file.status()).as(file.toString()).isEqualTo(200);
            assertThat(file.body()).contains("UID:" + collective + "@bookwise");
        }
        assertThat(api.get("/api/bookings/" + collective + "/calendar.ics", team.cy.key())
                        .code())
                .isEqualTo("forbidden");

        for (Host member : List.of(team.ada, team.bea)) {
            Api.Response asOf =
                    api.get("/api/hosts/" + member.id() + "/history?asOf=2100-01-01T00:00:00Z", member.key());
            assertThat(asOf.status()).as(asOf.toString()).isEqualTo(200);
            List<String> bookings = new ArrayList<>();
            asOf.json()
                    .path("bookings")
                    .forEach(b -> bookings.add(b.path("bookingId").asText()));
            assertThat(bookings).as(member.toString()).containsExactly(collective.toString());
            assertThat(asOf.json().path("bookings").get(0).path("teamId").asText())
                    .isEqualTo(team.id.toString());
        }
    }

    @Test
    void aTeamsEventTypesAreListedAsAHostsAre() {
        Team team = new Team();
        String path = "/api/teams/" + team.id + "/event-types?minPosition=" + team.position;
        Api.Response anonymous = api.get(path, null);
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(200);
        List<String> slugs = new ArrayList<>();
        anonymous.json().path("items").forEach(t -> slugs.add(t.path("slug").asText()));
        assertThat(slugs).containsExactly("intro", "panel");
        JsonNode panel = anonymous.json().path("items").get(1);
        assertThat(panel.path("assignment").asText()).isEqualTo("COLLECTIVE");
        assertThat(panel.path("eventTypeId").asText())
                .isEqualTo(team.collective.id().toString());
        assertThat(panel.path("durationMinutes").asInt()).isEqualTo(30);
        assertThat(panel.path("public").asBoolean()).isTrue();

        List<String> all = new ArrayList<>();
        api.get(path, team.key)
                .json()
                .path("items")
                .forEach(t ->
                        all.add(t.path("slug").asText() + (t.path("archived").asBoolean() ? " (archived)" : "")));
        assertThat(all).containsExactly("internal", "intro", "old (archived)", "panel");
        assertThat(api.get(path, ADMIN).json().path("items")).hasSize(4);
        assertThat(api.get(path, team.ada.key()).code()).isEqualTo("forbidden");
        Api.Response unknown = api.get("/api/teams/" + UUID.randomUUID() + "/event-types", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("team-not-found");
    }
}
