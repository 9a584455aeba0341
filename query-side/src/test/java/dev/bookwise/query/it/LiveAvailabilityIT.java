package dev.bookwise.query.it;

import static dev.bookwise.query.it.TeamFixture.ownBooking;
import static dev.bookwise.query.it.TeamFixture.reserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.types.BookingLimits;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.EventTypeDefined;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.events.TeamCreated;
import dev.bookwise.events.TeamEventTypeDefined;
import dev.bookwise.query.it.LiveClients.Event;
import dev.bookwise.query.it.LiveClients.Socket;
import dev.bookwise.query.it.LiveClients.Sse;
import dev.bookwise.testsupport.Api;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.WebSocketHandshakeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Live availability over real HTTP and WebSocket connections: the first list is the GET's answer to
 * the byte, each change that alters it sends the new list (and nothing else does), bursts are
 * coalesced, reconnects get the current list, bad requests are the GET's problems, and each client
 * address holds a bounded number of connections.
 */
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"bookwise.live.keep-alive=PT1S", "bookwise.live.max-connections-per-address=6"})
class LiveAvailabilityIT extends QuerySideIT {

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** What the follower logs each time the projections' wait (5 s here) runs out. */
    private static final String WAITING_FOR = "live availability waits for the projections to reach position ";

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    /** A host with 09:00-17:00 UTC every day, once the projections hold it (a stream opened before would see it change). */
    private UUID host() {
        UUID id = UUID.randomUUID();
        long position = append(
                id,
                new HostRegistered(id, "Ada", "ada@example.com", "UTC", keyDigest("bwk_" + id)),
                new ScheduleDefined(id, TeamFixture.weekdaysAndWeekends()));
        get("hostId=" + id + "&date=" + DAY, position);
        return id;
    }

    /** A stream that opened (its place taken: the limit test counts them). */
    private Sse open(String query, String... headers) {
        Sse stream = Sse.open(port, query, headers);
        assertThat(stream.status).as(stream.problem).isEqualTo(200);
        return stream;
    }

    private static Instant at(LocalDate day, String time) {
        return Instant.parse(day + "T" + time + ":00Z");
    }

    private static String range(UUID host) {
        return "hostId=" + host + "&from=" + DAY + "&to=" + DAY.plusDays(1) + "&timezone=Europe/Paris";
    }

    private Api.Response get(String query, long position) {
        Api.Response answer = api.get("/api/availability?" + query + "&minPosition=" + position, null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer;
    }

    private static List<String> starts(JsonNode slots) {
        List<String> starts = new ArrayList<>();
        slots.forEach(slot -> starts.add(slot.path("start").asText()));
        return starts;
    }

    private double recomputations() {
        return meters.get("bookwise.live.recomputations").counter().count();
    }

    /** Blocks every write to booking_view (reads go on) until the connection rolls back: the bookings' projection stalls. */
    private Connection bookingWritesHeld() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement lock = connection.createStatement()) {
            lock.execute("LOCK TABLE booking_view IN SHARE MODE");
        }
        return connection;
    }

    /** The open connections of a transport the query side counts, from its metrics. */
    private int openConnections(String transport) {
        String scrape = api.get("/actuator/prometheus", ADMIN).body();
        Matcher gauge = Pattern.compile("bookwise_live_connections\\{transport=\"" + transport + "\"\\} (\\S+)")
                .matcher(scrape);
        assertThat(gauge.find()).as("the connections gauge").isTrue();
        return (int) Double.parseDouble(gauge.group(1));
    }

    private int openStreams() {
        return openConnections("sse");
    }

    /**
     * The server notices a stream the client closed only when it next writes to it (the keep-alive,
     * every second here): each test starts with every place of the address free.
     */
    @AfterEach
    void everyConnectionIsClosed() {
        await().atMost(PATIENCE).until(() -> openConnections("sse") == 0 && openConnections("ws") == 0);
    }

    @Test
    void theFirstEventIsExactlyTheGetAnswerAndABookingSendsTheListWithoutItsSlot() throws InterruptedException {
        UUID host = host();
        long position = append(host, ownBooking(UUID.randomUUID(), host, at(DAY, "09:00")));
        String get = get(range(host), position).body();
        try (Sse stream = open(range(host))) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");
            Event first = stream.next(PATIENCE);
            assertThat(first.name()).isEqualTo("slots");
            assertThat(first.data()).isEqualTo(get);
            assertThat(first.position()).isGreaterThanOrEqualTo(position);
            assertThat(starts(first.json().path("slots")))
                    .contains(at(DAY, "10:00").toString());

            long booked = append(host, ownBooking(UUID.randomUUID(), host, at(DAY, "10:00")));
            Event next = stream.next(PATIENCE);
            assertThat(next.name()).isEqualTo("slots");
            assertThat(next.position()).isGreaterThanOrEqualTo(booked);
            assertThat(starts(next.json().path("slots")))
                    .doesNotContain(at(DAY, "10:00").toString())
                    .hasSize(starts(first.json().path("slots")).size() - 1);
            assertThat(next.data()).isEqualTo(get(range(host), booked).body());

            // an idle stream gets a comment line (every second here, every 15 s by default)
            assertThat(stream.nextComment(PATIENCE)).isNotNull();
        }
        String scrape = api.get("/actuator/prometheus", ADMIN).body();
        assertThat(scrape).contains("bookwise_live_messages_total{transport=\"sse\"}");
        assertThat(scrape).contains("bookwise_live_lag_seconds_count{transport=\"sse\"}");
    }

    @Test
    void aSeatedTypeAndATeamStartExactlyAsTheirGets() {
        UUID host = host();
        EventType seated = new EventType(
                UUID.randomUUID(),
                "yoga",
                "Yoga",
                60,
                60,
                null,
                0,
                0,
                0,
                60,
                3,
                new BookingLimits(null, null),
                List.of(),
                0,
                0,
                true);
        long position = append(host, new EventTypeDefined(host, seated));
        String query = range(host) + "&eventTypeId=" + seated.id();
        String get = get(query, position).body();
        try (Sse stream = open(query)) {
            Event first = stream.next(PATIENCE);
            assertThat(first.data()).isEqualTo(get);
            assertThat(first.json().path("slots").get(0).path("seatsLeft").asInt())
                    .isEqualTo(3);

            long booked = append(host, reserved(UUID.randomUUID(), host, null, seated.id(), at(DAY, "09:00"), null));
            Event next = stream.next(PATIENCE);
            assertThat(next.data()).isEqualTo(get(query, booked).body());
            assertThat(next.json().path("slots").get(0).path("seatsLeft").asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void aChangeThatDoesNotAlterTheSlotsSendsNothing() {
        UUID host = host();
        try (Sse stream = open(range(host))) {
            Event first = stream.next(PATIENCE);
            // outside the range: the list stays as it was
            long outside = append(host, ownBooking(UUID.randomUUID(), host, at(DAY.plusDays(5), "10:00")));
            // then one inside: the next event must be this one's, with nothing between them
            long inside = append(host, ownBooking(UUID.randomUUID(), host, at(DAY, "11:00")));
            // (its id may be the first booking's: the projections may have applied both when it was computed)
            Event next = stream.next(PATIENCE);
            assertThat(next.position()).isGreaterThanOrEqualTo(outside);
            assertThat(starts(next.json().path("slots")))
                    .doesNotContain(at(DAY, "11:00").toString())
                    .hasSize(first.json().path("slots").size() - 1);
            assertThat(next.data()).isEqualTo(get(range(host), inside).body());
        }
    }

    /**
     * Two commands committing out of order: Ada's booking takes its global position first and commits after
     * Bea's, a gap in the tokens that passed Bea's. The follower reads it in a batch whose highest position
     * the projections have passed; its list must wait until they have applied the booking itself, here
     * held back by a lock on the bookings' table until the follower has recomputed or is waiting for them.
     */
    @Test
    void aBookingCommittedAfterALaterOneReachesItsSubscribersWithoutAnotherChange(CapturedOutput output)
            throws SQLException {
        UUID ada = host();
        UUID bea = host();
        try (Sse adaStream = open(range(ada));
                Sse beaStream = open(range(bea))) {
            Event adaFirst = adaStream.next(PATIENCE);
            beaStream.next(PATIENCE);
            OpenAppend held = appendOpen(ada, ownBooking(UUID.randomUUID(), ada, at(DAY, "10:00")));
            try (held) {
                long later = append(bea, ownBooking(UUID.randomUUID(), bea, at(DAY, "10:00")));
                assertThat(held.position).isLessThan(later);
                // the follower has read Bea's booking and the projections have applied it
                assertThat(beaStream.next(PATIENCE).position()).isGreaterThanOrEqualTo(later);
                double recomputed = recomputations();
                try (Connection stall = bookingWritesHeld()) {
                    held.commit();
                    await().atMost(PATIENCE)
                            .until(() -> recomputations() > recomputed
                                    || output.getOut().contains(WAITING_FOR + held.position));
                    stall.rollback();
                }
            }
            Event next = adaStream.next(PATIENCE);
            assertThat(starts(next.json().path("slots")))
                    .doesNotContain(at(DAY, "10:00").toString())
                    .hasSize(adaFirst.json().path("slots").size() - 1);
            assertThat(next.data()).isEqualTo(get(range(ada), held.position).body());
        }
    }

    @Test
    void aBurstOfBookingsIsCoalesced() {
        UUID host = host();
        try (Sse stream = open(range(host))) {
            Event first = stream.next(PATIENCE);
            int before = first.json().path("slots").size();
            List<String> booked = new ArrayList<>();
            long last = -1;
            for (int i = 0; i < 50; i++) {
                Instant start = at(DAY.plusDays(i / 16), "09:00").plus(Duration.ofMinutes(30L * (i % 16)));
                booked.add(start.toString());
                last = append(host, ownBooking(UUID.randomUUID(), host, start));
            }
            String finalList = get(range(host), last).body();
            List<Event> received = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                received.addAll(stream.drain());
                return !received.isEmpty()
                        && received.get(received.size() - 1).data().equals(finalList);
            });
            Event latest = received.get(received.size() - 1);
            // 50 bookings in the range: 32 of them on DAY and DAY + 1, the rest after it
            assertThat(starts(latest.json().path("slots"))).doesNotContainAnyElementsOf(booked);
            assertThat(latest.json().path("slots").size()).isEqualTo(before - 32);
            assertThat(received.size()).as("messages for 50 bookings").isLessThan(25);
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsTheCurrentListAtOnce() {
        UUID host = host();
        Event first;
        try (Sse stream = open(range(host))) {
            first = stream.next(PATIENCE);
        }
        long booked = append(host, ownBooking(UUID.randomUUID(), host, at(DAY, "12:00")));
        String currentList = get(range(host), booked).body();
        try (Sse stream = open(range(host), "Last-Event-ID", first.id())) {
            Event current = stream.next(Duration.ofSeconds(3));
            assertThat(current.position()).isGreaterThanOrEqualTo(booked);
            assertThat(starts(current.json().path("slots")))
                    .doesNotContain(at(DAY, "12:00").toString());
            assertThat(current.data()).isEqualTo(currentList);
        }
    }

    @Test
    void badRequestsAreTheGetsProblemsBeforeAnyStream() {
        UUID host = host();
        UUID type = UUID.randomUUID();
        for (String query : new String[] {
            "hostId=" + host + "&teamId=" + UUID.randomUUID() + "&date=" + DAY,
            "hostId=not-a-uuid&date=" + DAY,
            "hostId=" + host + "&from=2024-02-30&to=" + DAY,
            "hostId=" + host + "&from=" + DAY + "&to=" + DAY.plusDays(90),
            "hostId=" + host + "&date=" + DAY + "&timezone=Mars/Olympus",
            "hostId=" + host + "&date=" + DAY + "&eventTypeId=" + type,
            "hostId=" + UUID.randomUUID() + "&date=" + DAY,
            "teamId=" + UUID.randomUUID() + "&eventTypeId=" + type + "&date=" + DAY,
            "teamId=" + UUID.randomUUID() + "&date=" + DAY,
            "hostId=" + host
        }) {
            Api.Response get = api.get("/api/availability?" + query, null);
            assertThat(get.status()).as(query).isBetween(400, 499);
            try (Sse stream = Sse.open(port, query)) {
                assertThat(stream.status).as(query).isEqualTo(get.status());
                assertThat(stream.contentType).as(query).startsWith("application/problem+json");
                assertThat(stream.problemJson().path("code").asText()).as(query).isEqualTo(get.code());
            }
        }
    }

    @Test
    void eachAddressHoldsABoundedNumberOfConnections() {
        UUID host = host();
        await().atMost(PATIENCE).until(() -> openStreams() == 0);
        List<Sse> open = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Sse stream = Sse.open(port, range(host));
                open.add(stream);
                assertThat(stream.status).isEqualTo(200);
                stream.next(PATIENCE);
            }
            try (Sse refused = Sse.open(port, range(host))) {
                assertThat(refused.status).isEqualTo(429);
                assertThat(refused.problemJson().path("code").asText()).isEqualTo("rate-limited");
            }
            CompletionException handshake =
                    org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () -> Socket.open(port));
            assertThat(handshake.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) handshake.getCause())
                            .getResponse()
                            .statusCode())
                    .isEqualTo(429);

            // a closed stream frees its place once the server notices (at its next keep-alive at the latest)
            open.remove(0).close();
            await().atMost(PATIENCE).until(() -> openStreams() == 5);
            try (Sse again = Sse.open(port, range(host))) {
                assertThat(again.status).isEqualTo(200);
            }
        } finally {
            open.forEach(Sse::close);
        }
    }

    @Test
    void aSocketSubscribesUnsubscribesAndIsToldOfBadSubscriptions() {
        UUID ada = host();
        UUID bea = host();
        Map<String, String> adaRequest =
                Map.of("hostId", ada.toString(), "from", DAY.toString(), "to", DAY.toString(), "timezone", "UTC");
        Map<String, String> beaRequest = Map.of("hostId", bea.toString(), "from", DAY.toString(), "to", DAY.toString());
        try (Socket socket = Socket.open(port)) {
            socket.send(Map.of("subscribe", adaRequest));
            JsonNode first = socket.next(PATIENCE);
            assertThat(first.path("type").asText()).isEqualTo("slots");
            assertThat(first.path("subscription")).isEqualTo(new ObjectMapper().valueToTree(adaRequest));
            Api.Response get = get("hostId=" + ada + "&from=" + DAY + "&to=" + DAY + "&timezone=UTC", 0);
            assertThat(first.path("slots")).isEqualTo(get.json().path("slots"));
            assertThat(first.path("position").isIntegralNumber()).isTrue();

            long booked = append(ada, ownBooking(UUID.randomUUID(), ada, at(DAY, "09:30")));
            JsonNode next = socket.next(PATIENCE);
            assertThat(next.path("subscription")).isEqualTo(first.path("subscription"));
            assertThat(next.path("position").asLong()).isGreaterThanOrEqualTo(booked);
            assertThat(starts(next.path("slots")))
                    .doesNotContain(at(DAY, "09:30").toString());

            socket.send(Map.of("subscribe", beaRequest));
            assertThat(socket.next(PATIENCE).path("subscription").path("hostId").asText())
                    .isEqualTo(bea.toString());
            socket.send(Map.of("unsubscribe", adaRequest));
            // Ada's change first, then Bea's: only Bea's arrives
            append(ada, ownBooking(UUID.randomUUID(), ada, at(DAY, "10:30")));
            long beaBooked = append(bea, ownBooking(UUID.randomUUID(), bea, at(DAY, "10:30")));
            JsonNode after = socket.next(PATIENCE);
            assertThat(after.path("subscription").path("hostId").asText()).isEqualTo(bea.toString());
            assertThat(after.path("position").asLong()).isGreaterThanOrEqualTo(beaBooked);

            socket.send(Map.of("subscribe", Map.of("hostId", UUID.randomUUID().toString(), "date", DAY.toString())));
            JsonNode unknown = socket.next(PATIENCE);
            assertThat(unknown.path("type").asText()).isEqualTo("error");
            assertThat(unknown.path("problem").path("code").asText()).isEqualTo("host-not-found");
            assertThat(unknown.path("problem").path("status").asInt()).isEqualTo(404);

            socket.send(Map.of("subscribe", Map.of("hostId", ada.toString(), "teamId", bea.toString(), "date", "x")));
            assertThat(socket.next(PATIENCE).path("problem").path("code").asText())
                    .isEqualTo("invalid-request");
            socket.send(
                    Map.of("subscribe", Map.of("hostId", ada.toString(), "from", "2024-01-01", "to", "2024-12-31")));
            assertThat(socket.next(PATIENCE).path("problem").path("code").asText())
                    .isEqualTo("invalid-range");
            socket.sendText("{not json");
            assertThat(socket.next(PATIENCE).path("problem").path("code").asText())
                    .isEqualTo("invalid-request");
            socket.send(Map.of("subscribe", Map.of("hostId", ada.toString(), "date", DAY.toString(), "colour", "red")));
            assertThat(socket.next(PATIENCE).path("problem").path("code").asText())
                    .isEqualTo("invalid-request");
            socket.send(Map.of("unsubscribe", adaRequest));
            assertThat(socket.next(PATIENCE).path("problem").path("code").asText())
                    .isEqualTo("invalid-request");
        }
    }

    @Test
    void aRoundRobinTeamStreamChangesWhenNoMemberIsLeftAtAStart() {
        UUID ada = host();
        UUID bea = host();
        UUID team = UUID.randomUUID();
        TeamEventType intro = TeamFixture.type("intro", Assignment.ROUND_ROBIN, true, null);
        long position = appendTeam(
                team,
                new TeamCreated(team, "Sales", TeamFixture.members(ada, bea), keyDigest("bwt_" + team)),
                new TeamEventTypeDefined(team, intro));
        String query = "teamId=" + team + "&eventTypeId=" + intro.id() + "&date=" + DAY;
        String get = get(query, position).body();
        try (Sse stream = open(query)) {
            Event first = stream.next(PATIENCE);
            assertThat(first.data()).isEqualTo(get);
            assertThat(starts(first.json().path("slots")))
                    .contains(at(DAY, "10:00").toString());

            // Ada is taken at 10:00 and Bea is still free: the team's list stays; then Bea is taken too
            long adaBooked = append(ada, reserved(UUID.randomUUID(), ada, team, intro.id(), at(DAY, "10:00"), null));
            UUID beasBooking = UUID.randomUUID();
            long beaBooked = append(bea, reserved(beasBooking, bea, team, intro.id(), at(DAY, "10:00"), null));
            Event next = stream.next(PATIENCE);
            assertThat(next.position()).isGreaterThanOrEqualTo(adaBooked);
            assertThat(starts(next.json().path("slots")))
                    .doesNotContain(at(DAY, "10:00").toString());
            assertThat(next.data()).isEqualTo(get(query, beaBooked).body());

            // Bea's cancellation frees the start again
            long freed = append(bea, new BookingCancelled(beasBooking, bea, "moved"));
            Event again = stream.next(PATIENCE);
            assertThat(again.position()).isGreaterThanOrEqualTo(freed);
            assertThat(again.data()).isEqualTo(first.data());
        }
    }
}
