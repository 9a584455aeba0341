package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.command.CommandSideApplication;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.TestDatabase;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The command side over HTTP against a real, fresh PostgreSQL database. */
@SpringBootTest(
        classes = CommandSideApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "bookwise.admin-key=" + CommandSideIT.ADMIN,
            "bookwise.secret-key=it-secret-key-0123456789abcdef0123456789"
        })
abstract class CommandSideIT {

    static final String ADMIN = "it-admin-key-0123456789abcdef";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    record Host(String id, String key) {}

    Host register(String zone) {
        Api.Response response = api.post(
                "/api/hosts", ADMIN, Api.json(Map.of("name", "Ada", "email", "ada@example.com", "timeZone", zone)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new Host(response.text("hostId"), response.text("apiKey"));
    }

    /** Every day of the week from {@code start} to {@code end}, wall-clock in {@code zone}. */
    static Map<String, Object> everyDay(
            String zone,
            int slotMinutes,
            int bufferBefore,
            int bufferAfter,
            int notice,
            int horizonDays,
            String start,
            String end) {
        Map<String, Object> weekly = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day.name(), List.of(Map.of("start", start, "end", end)));
        }
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("timeZone", zone);
        schedule.put("slotMinutes", slotMinutes);
        schedule.put("bufferBeforeMinutes", bufferBefore);
        schedule.put("bufferAfterMinutes", bufferAfter);
        schedule.put("minimumNoticeMinutes", notice);
        schedule.put("horizonDays", horizonDays);
        schedule.put("weeklyHours", weekly);
        schedule.put("dateOverrides", List.of());
        return schedule;
    }

    /**
     * A host bookable around the clock in UTC on a 30 minute grid, registered through one
     * command-side instance and given its schedule through another (both may be the same).
     */
    static Host openHostOn(Api registerOn, Api scheduleOn) {
        Api.Response registered = registerOn.post(
                "/api/hosts", ADMIN, Api.json(Map.of("name", "Ada", "email", "ada@example.com", "timeZone", "UTC")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Host host = new Host(registered.text("hostId"), registered.text("apiKey"));
        Api.Response scheduled = scheduleOn.put(
                "/api/hosts/" + host.id() + "/schedule",
                host.key(),
                Api.json(everyDay("UTC", 30, 0, 0, 0, 60, "00:00", "24:00")));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        return host;
    }

    /** A host bookable around the clock in UTC on a 30 minute grid. */
    Host openHost() {
        Host host = register("UTC");
        Api.Response response = api.put(
                "/api/hosts/" + host.id() + "/schedule",
                host.key(),
                Api.json(everyDay("UTC", 30, 0, 0, 0, 60, "00:00", "24:00")));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return host;
    }

    /** A slot start on the 30 minute grid, {@code halfHours} half hours after tomorrow's midnight UTC. */
    static Instant slot(int halfHours) {
        return Instant.now()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(1, ChronoUnit.DAYS)
                .plus(30L * halfHours, ChronoUnit.MINUTES);
    }

    static String booking(Host host, Instant start) {
        return Api.json(Map.of(
                "hostId",
                host.id(),
                "start",
                start.toString(),
                "attendee",
                Map.of("name", "Bob", "email", "bob@example.com", "timeZone", "Europe/Paris")));
    }

    Api.Response reserve(Host host, Instant start, String... headers) {
        return api.post("/api/bookings", host.key(), booking(host, start), headers);
    }

    /** Events of this type about one booking (its id in the payload). */
    long eventCount(String payloadTypeSuffix, String bookingId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ? "
                        + "AND convert_from(payload, 'UTF8') LIKE ?",
                Long.class,
                "%" + payloadTypeSuffix,
                "%" + bookingId + "%");
    }

    long eventCount(String payloadTypeSuffix) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?",
                Long.class,
                "%" + payloadTypeSuffix);
    }
}
