package dev.bookwise.query.it;

import static dev.bookwise.query.it.TeamFixture.ownBooking;
import static dev.bookwise.query.it.TeamFixture.reserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.TeamCreated;
import dev.bookwise.events.TeamEventTypeDefined;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.WebhookReceiver;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * A collective booking is in every member's stream, each change once per member: on Kafka and in
 * webhooks it is one message per change, from its first member's stream, keyed by that member, with
 * the team in its data; a subscription by teamId receives the team's bookings.
 */
@TestPropertySource(
        properties = {
            "bookwise.webhook.allow-loopback=true",
            "bookwise.webhook.first-retry=PT0.4S",
            "bookwise.webhook.max-attempts=3",
            "bookwise.webhook.timeout=PT2S"
        })
class TeamEventsIT extends QuerySideIT {

    private static final WebhookReceiver receiver = new WebhookReceiver();
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @Autowired
    ObjectMapper json;

    @Value("${bookwise.kafka.topic}")
    String topic;

    record Host(UUID id, String key) {}

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private Host ada;
    private Host bea;
    private final UUID team = UUID.randomUUID();
    private final String teamKey = "bwt_" + UUID.randomUUID();
    private final TeamEventType collective = TeamFixture.type("panel", Assignment.COLLECTIVE, true, null);
    private List<UUID> both;
    private long teamPosition;

    @BeforeEach
    void team() {
        ada = host("Ada");
        bea = host("Bea");
        both = TeamFixture.sorted(ada.id(), bea.id());
        teamPosition = appendTeam(
                team,
                new TeamCreated(team, "Sales", TeamFixture.members(ada.id(), bea.id()), keyDigest(teamKey)),
                new TeamEventTypeDefined(team, collective));
    }

    private Host host(String name) {
        UUID id = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        append(id, new HostRegistered(id, name, name.toLowerCase() + "@example.com", "UTC", keyDigest(key)));
        return new Host(id, key);
    }

    /** Reserved, confirmed and cancelled, each change in both members' streams (the first member's first). */
    private UUID collectiveBookingWithThreeChanges() {
        UUID booking = UUID.randomUUID();
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (UUID member : both) {
            append(member, reserved(booking, member, team, collective.id(), start, both));
        }
        for (UUID member : both) {
            append(member, new BookingConfirmed(booking, member, "see you"));
        }
        for (UUID member : both) {
            append(member, new BookingCancelled(booking, member, "cannot come"));
        }
        return booking;
    }

    private List<String> eventIds(UUID host, UUID booking) {
        return jdbc.queryForList("""
                SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?
                   AND payload_type LIKE 'dev.bookwise.events.Booking%' AND convert_from(payload, 'UTF8') LIKE ?
                 ORDER BY sequence_number
                """, String.class, host.toString(), "%" + booking + "%");
    }

    @Test
    void aCollectiveBookingIsOnTheTopicOncePerChangeFromItsFirstMember() throws Exception {
        UUID booking = collectiveBookingWithThreeChanges();
        UUID leader = both.get(0);
        UUID follower = both.get(1);
        // the follower's next event: once it is on the topic, the follower's earlier events (same key, same
        // partition, in order) would be too
        UUID later = UUID.randomUUID();
        append(follower, ownBooking(later, follower, Instant.now().plus(3, ChronoUnit.DAYS)));

        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put(leader.toString(), eventIds(leader, booking));
        expected.put(follower.toString(), eventIds(follower, later));
        assertThat(expected.get(leader.toString())).hasSize(3);
        List<ConsumerRecord<String, CloudEvent>> records = readTopicUntil(topic, expected, PATIENCE);

        List<ConsumerRecord<String, CloudEvent>> ofBooking = records.stream()
                .filter(r -> r.value().getSubject().equals(booking.toString()))
                .toList();
        Set<String> ids = new HashSet<>();
        ofBooking.forEach(r -> ids.add(r.value().getId()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected.get(leader.toString()));
        assertThat(ofBooking).allMatch(r -> r.key().equals(leader.toString()));
        assertThat(firstOccurrencesByHost(ofBooking))
                .isEqualTo(Map.of(leader.toString(), expected.get(leader.toString())));
        for (ConsumerRecord<String, CloudEvent> record : ofBooking) {
            CloudEvent event = record.value();
            assertThat(event.getExtension("teamid")).isEqualTo(team.toString());
            assertThat(event.getExtension("hostid")).isEqualTo(leader.toString());
            JsonNode data = json.readTree(event.getData().toBytes());
            assertThat(data.path("teamId").asText()).isEqualTo(team.toString());
            assertThat(data.path("hostId").asText()).isEqualTo(leader.toString());
            assertThat(data.path("hostIds").toString()).isEqualTo("[\"" + both.get(0) + "\",\"" + both.get(1) + "\"]");
        }
        // a booking of the host's own is as before: no team, no teamid extension
        ConsumerRecord<String, CloudEvent> own = records.stream()
                .filter(r -> r.value().getSubject().equals(later.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(own.value().getExtension("teamid")).isNull();
        assertThat(json.readTree(own.value().getData().toBytes()).has("teamId")).isFalse();
    }

    @Test
    void aSubscriptionByTeamIdReceivesEachChangeOfTheTeamsBookingsOnce() throws Exception {
        String url = receiver.url("/team-" + team);
        // who may subscribe for the team
        String body = Api.json(Map.of("url", url, "events", List.of("booking.reserved", "booking.confirmed")));
        Api.Response byHost = api.post(
                "/api/webhooks?minPosition=" + teamPosition, ada.key(), Api.json(Map.of("url", url, "teamId", team)));
        assertThat(byHost.status()).isEqualTo(403);
        assertThat(byHost.code()).isEqualTo("forbidden");
        Api.Response unknown =
                api.post("/api/webhooks", ADMIN, Api.json(Map.of("url", url, "teamId", UUID.randomUUID())));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("team-not-found");
        Api.Response bothIds =
                api.post("/api/webhooks", ADMIN, Api.json(Map.of("url", url, "teamId", team, "hostId", ada.id())));
        assertThat(bothIds.status()).isEqualTo(400);
        assertThat(bothIds.code()).isEqualTo("invalid-request");
        assertThat(api.post("/api/webhooks", teamKey, Api.json(Map.of("url", url, "hostId", ada.id())))
                        .code())
                .isEqualTo("forbidden");

        Api.Response created = api.post("/api/webhooks?minPosition=" + teamPosition, teamKey, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.json().path("teamId").asText()).isEqualTo(team.toString());
        assertThat(created.json().path("hostId").isNull()).isTrue();
        assertThat(api.get("/api/webhooks/" + id, teamKey).json().path("teamId").asText())
                .isEqualTo(team.toString());
        assertThat(api.get("/api/webhooks/" + id, ada.key()).code()).isEqualTo("forbidden");
        assertThat(api.get("/api/webhooks", teamKey).json().path("items")).hasSize(1);
        assertThat(api.get("/api/webhooks?teamId=" + team, ADMIN).json().path("items"))
                .hasSize(1);
        assertThat(api.get("/api/webhooks", ada.key()).json().path("items")).isEmpty();
        // a host's subscriptions are the host's own, not the team's
        Api.Response adas = api.post("/api/webhooks", ada.key(), Api.json(Map.of("url", receiver.url("/ada-" + team))));
        assertThat(adas.status()).isEqualTo(201);
        assertThat(api.get("/api/webhooks/" + adas.text("id"), teamKey).code()).isEqualTo("forbidden");
        assertThat(api.post("/api/webhooks", bea.key(), Api.json(Map.of("url", receiver.url("/bea-" + team))))
                        .status())
                .isEqualTo(201);

        UUID booking = collectiveBookingWithThreeChanges();
        // a booking of a member's own is not the team's
        append(ada.id(), ownBooking(UUID.randomUUID(), ada.id(), Instant.now().plus(4, ChronoUnit.DAYS)));

        await().atMost(PATIENCE).until(() -> receiver.received("/team-" + team).size() >= 2);
        // each member's own subscription hears the collective booking once per change, whichever member leads it,
        // and Ada's also her own booking
        await().atMost(PATIENCE).until(() -> receiver.received("/ada-" + team).size() >= 4);
        await().atMost(PATIENCE).until(() -> receiver.received("/bea-" + team).size() >= 3);
        Thread.sleep(1000);
        List<WebhookReceiver.Received> got = receiver.received("/team-" + team);
        assertThat(got).hasSize(2);
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        for (WebhookReceiver.Received request : got) {
            JsonNode message = json.readTree(request.body());
            byType.put(message.path("type").asText(), message.path("data"));
        }
        assertThat(byType).containsOnlyKeys("booking.reserved", "booking.confirmed");
        for (JsonNode data : byType.values()) {
            assertThat(data.path("bookingId").asText()).isEqualTo(booking.toString());
            assertThat(data.path("teamId").asText()).isEqualTo(team.toString());
            assertThat(data.path("hostIds")).hasSize(2);
        }
        assertThat(byType.get("booking.confirmed").path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?::uuid", Integer.class, id))
                .isEqualTo(2);
        assertThat(api.send("DELETE", "/api/webhooks/" + id, teamKey, null).status())
                .isEqualTo(204);
    }
}
