package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.events.TeamCreated;
import dev.bookwise.events.TeamEventTypeArchived;
import dev.bookwise.events.TeamEventTypeDefined;
import dev.bookwise.events.TeamMembersChanged;
import dev.bookwise.query.config.ProjectionConfig;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import dev.bookwise.testsupport.Api;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class ReadModelRebuildIT extends QuerySideIT {

    @Autowired
    EventStorageEngine storage;

    @Autowired
    ObjectMapper json;

    private final List<UUID> bookings = new ArrayList<>();

    /**
     * Every kind of event, for several hosts, with windows merged over each other; a team of two of
     * them with its types, members changed, and a collective and a round-robin booking.
     */
    private long history() {
        long position = 0;
        List<UUID> hosts = new ArrayList<>();
        for (int h = 0; h < 3; h++) {
            UUID host = UUID.randomUUID();
            hosts.add(host);
            Instant base = Instant.now().plus(Duration.ofDays(2 + h)).truncatedTo(ChronoUnit.HOURS);
            AvailabilityWindow first = new AvailabilityWindow(base, base.plus(Duration.ofHours(2)), 30);
            AvailabilityWindow second =
                    new AvailabilityWindow(base.plus(Duration.ofHours(2)), base.plus(Duration.ofHours(3)), 30);
            AvailabilityWindow merged = new AvailabilityWindow(base, base.plus(Duration.ofHours(3)), 30);
            AvailabilityWindow apart = new AvailabilityWindow(
                    base.plus(Duration.ofDays(1)), base.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), 30);
            List<Object> events = new ArrayList<>(List.of(
                    new HostRegistered(
                            host, "Host " + h, "h" + h + "@example.com", "Europe/London", keyDigest("k" + host)),
                    new ScheduleDefined(
                            host,
                            new Schedule(
                                    "Europe/London",
                                    30,
                                    5,
                                    5,
                                    0,
                                    60,
                                    Map.of(DayOfWeek.MONDAY, List.of(new TimeRange("09:00", "17:00"))),
                                    List.of())),
                    new AvailabilityWindowMerged(host, first, first, List.of()),
                    new AvailabilityWindowMerged(host, second, merged, List.of(first)),
                    new AvailabilityWindowMerged(host, apart, apart, List.of())));
            for (int b = 0; b < 5; b++) {
                UUID id = UUID.randomUUID();
                bookings.add(id);
                Instant start = base.plus(Duration.ofMinutes(30L * b));
                events.add(new BookingReserved(
                        id,
                        host,
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        5,
                        5,
                        new Attendee("A" + b, "a" + b + "@example.com", null),
                        start.minus(Duration.ofDays(1)),
                        "d"));
            }
            events.add(new BookingConfirmed(bookings.get(bookings.size() - 5), host, "yes"));
            events.add(new BookingCancelled(bookings.get(bookings.size() - 4), host, "no"));
            events.add(new BookingExpired(bookings.get(bookings.size() - 3), host, base));
            events.add(new BookingConfirmed(bookings.get(bookings.size() - 2), host, null));
            events.add(new BookingCompleted(bookings.get(bookings.size() - 2), host, "done"));
            events.add(new BookingRescheduled(
                    bookings.get(bookings.size() - 1),
                    host,
                    base,
                    base.plus(Duration.ofMinutes(30)),
                    base.plus(Duration.ofHours(5)),
                    base.plus(Duration.ofMinutes(330)),
                    10,
                    10));
            position = append(host, events.toArray());
        }
        UUID team = UUID.randomUUID();
        TeamEventType collective = TeamFixture.type("panel", Assignment.COLLECTIVE, true, null);
        TeamEventType roundRobin = TeamFixture.type("intro", Assignment.ROUND_ROBIN, false, List.of(hosts.get(0)));
        appendTeam(
                team,
                new TeamCreated(team, "Team", TeamFixture.members(hosts.get(0), hosts.get(1)), keyDigest("t" + team)),
                new TeamEventTypeDefined(team, collective),
                new TeamEventTypeDefined(team, roundRobin),
                new TeamEventTypeArchived(team, roundRobin.id()),
                new TeamMembersChanged(team, TeamFixture.members(hosts.get(1), hosts.get(0), hosts.get(2))));
        List<UUID> both = TeamFixture.sorted(hosts.get(0), hosts.get(1));
        UUID together = UUID.randomUUID();
        Instant start = Instant.now().plus(Duration.ofDays(9)).truncatedTo(ChronoUnit.HOURS);
        for (UUID member : both) {
            position = append(
                    member,
                    TeamFixture.reserved(together, member, team, collective.id(), start, both),
                    new BookingConfirmed(together, member, "yes"));
        }
        position = append(
                hosts.get(2),
                TeamFixture.reserved(UUID.randomUUID(), hosts.get(2), team, roundRobin.id(), start, null));
        return position;
    }

    private Map<String, List<Map<String, Object>>> readTables(UnaryOperator<String> naming) {
        Map<String, List<Map<String, Object>>> contents = new LinkedHashMap<>();
        for (String table : ReadModel.tables()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row :
                    jdbc.queryForList("SELECT * FROM " + naming.apply(table) + " ORDER BY 1, 2")) {
                Map<String, Object> text = new java.util.TreeMap<>();
                row.forEach((column, value) -> text.put(column, String.valueOf(value)));
                rows.add(text);
            }
            contents.put(table, rows);
        }
        return contents;
    }

    private void awaitProjected(long position) {
        Api.Response response = api.get("/api/bookings/" + bookings.get(0) + "?minPosition=" + position, ADMIN);
        assertThat(response.header("X-Bookwise-Stale")).isNull();
    }

    @Test
    void applyingEveryEventAgainChangesNoRow() {
        awaitProjected(history());
        Map<String, List<Map<String, Object>>> before = readTables(UnaryOperator.identity());

        ProjectionWrites writes = ProjectionWrites.explicit(jdbc);
        List<AnnotationEventHandlerAdapter> live =
                ProjectionConfig.projections(writes, json, UnaryOperator.identity()).stream()
                        .map(AnnotationEventHandlerAdapter::new)
                        .toList();
        try (Stream<? extends TrackedEventMessage<?>> all = storage.readEvents(null, false)) {
            new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                all.forEach(message -> live.forEach(adapter -> {
                    try {
                        if (adapter.canHandle(message)) {
                            adapter.handle(message);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
                writes.flush();
            });
        }

        assertThat(readTables(UnaryOperator.identity())).isEqualTo(before);
        assertThat(before.get(ReadModel.WINDOWS.table())).hasSizeGreaterThanOrEqualTo(6);
        assertThat(before.get(ReadModel.TEAMS.table())).isNotEmpty();
        assertThat(before.get(ReadModel.TEAM_EVENT_TYPES.table())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(before.get(ReadModel.BOOKING_MEMBERS.table())).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aRebuildReproducesEveryTableWhileReadsGoOnAndLiveProjectionContinuesAfterwards() {
        long position = history();
        awaitProjected(position);
        Map<String, List<Map<String, Object>>> before = readTables(UnaryOperator.identity());

        Api.Response started = api.post("/api/admin/read-models/rebuild", ADMIN, null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(api.get("/api/bookings/" + bookings.get(0), ADMIN).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                api.get("/api/admin/read-models/rebuild", ADMIN).text("state"))
                        .isEqualTo("SUCCEEDED"));
        Api.Response done = api.get("/api/admin/read-models/rebuild", ADMIN);
        System.out.printf("rebuild: %s%n", done.body());

        assertThat(done.json().path("eventsReplayed").asLong()).isGreaterThanOrEqualTo(45);
        assertThat(readTables(UnaryOperator.identity())).isEqualTo(before);
        assertThat(before.get(ReadModel.TEAMS.table())).isNotEmpty();
        assertThat(before.get(ReadModel.TEAM_EVENT_TYPES.table())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(before.get(ReadModel.BOOKING_MEMBERS.table())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_next' OR tablename LIKE '%\\_old'",
                        Long.class))
                .isZero();

        UUID host = UUID.randomUUID();
        long after = append(host, new HostRegistered(host, "Late", "late@example.com", "UTC", keyDigest("late")));
        assertThat(api.get("/api/hosts/" + host + "/bookings?minPosition=" + after, ADMIN)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void onlyTheAdminMayRebuild() {
        UUID host = UUID.randomUUID();
        long position =
                append(host, new HostRegistered(host, "H", "h@example.com", "UTC", keyDigest("host-key-" + host)));
        Api.Response response =
                api.send("POST", "/api/admin/read-models/rebuild?minPosition=" + position, "host-key-" + host, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("forbidden");
    }
}
