package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.TestDatabase;
import dev.bookwise.testsupport.TestKafka;
import dev.bookwise.testsupport.TopicReader;
import io.cloudevents.CloudEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A whole BookWise system for one test: a fresh PostgreSQL database, the test Kafka broker with a
 * topic of its own, and any number of command-side and query-side processes.
 */
final class BookWise implements AutoCloseable {

    static final String ADMIN = "system-test-admin-key-0123456789";

    record Host(String id, String key) {}

    final TestDatabase database = TestDatabase.fresh();
    final TestKafka kafka = TestKafka.shared();
    final String topic =
            "bookwise.booking-events.system-" + UUID.randomUUID().toString().substring(0, 8);
    final List<AppProcess> commandSides = new ArrayList<>();
    final List<AppProcess> querySides = new ArrayList<>();
    private final Map<String, String> extra;
    private final String name;

    private BookWise(String name, Map<String, String> extra) {
        this.name = name;
        this.extra = extra;
    }

    /** Starts {@code commands} command-side and {@code queries} query-side processes, one after the other. */
    static BookWise start(String name, int commands, int queries, Map<String, String> extra) {
        BookWise system = new BookWise(name, extra);
        try {
            for (int i = 1; i <= commands; i++) {
                system.commandSides.add(
                        AppProcess.start(AppProcess.Side.COMMAND, name + "-command-" + i, system.environment()));
            }
            for (int i = 1; i <= queries; i++) {
                system.querySides.add(
                        AppProcess.start(AppProcess.Side.QUERY, name + "-query-" + i, system.environment()));
            }
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        return system;
    }

    static BookWise start(String name, int commands, int queries) {
        return start(name, commands, queries, Map.of());
    }

    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("BOOKWISE_DB_URL", database.url());
        env.put("BOOKWISE_DB_USER", database.user());
        env.put("BOOKWISE_DB_PASSWORD", database.password());
        env.put("BOOKWISE_DB_POOL_SIZE", "8");
        env.put("BOOKWISE_ADMIN_KEY", ADMIN);
        env.put("BOOKWISE_SECRET_KEY", "system-test-secret-key-0123456789abcdef");
        env.put("BOOKWISE_KAFKA_BOOTSTRAP", kafka.bootstrap());
        env.put("BOOKWISE_KAFKA_TOPIC", topic);
        env.put("BOOKWISE_KAFKA_PARTITIONS", "3");
        env.put("BOOKWISE_WEBHOOK_CONSUMER_GROUP", "bookwise-webhooks-" + name);
        env.put("BOOKWISE_WEBHOOK_ALLOW_LOOPBACK", "true");
        env.put("BOOKWISE_WEBHOOK_FIRST_RETRY", "PT1S");
        env.put("BOOKWISE_WEBHOOK_MAX_RETRY_DELAY", "PT5S");
        env.put("BOOKWISE_WEBHOOK_MAX_ATTEMPTS", "30");
        env.put("BOOKWISE_RESERVATION_TTL", "PT2H");
        env.put("BOOKWISE_LOG_FORMAT", "");
        for (String limit : List.of("PER_KEY", "PER_KEY_BURST", "PER_IP", "PER_IP_BURST")) {
            env.put("BOOKWISE_RATE_LIMIT_" + limit, "1000000");
        }
        env.putAll(extra);
        return env;
    }

    AppProcess command() {
        return commandSides.get(0);
    }

    AppProcess query() {
        return querySides.get(0);
    }

    /** Registers {@code count} hosts, each bookable around the clock in UTC on a 30-minute grid for 60 days. */
    List<Host> openHosts(int count) {
        Api api = command().api();
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Api.Response registered = api.post(
                    "/api/hosts",
                    ADMIN,
                    Api.json(Map.of("name", "Host " + i, "email", "host" + i + "@example.com", "timeZone", "UTC")));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            Host host = new Host(registered.text("hostId"), registered.text("apiKey"));
            Map<String, Object> weekly = new LinkedHashMap<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                weekly.put(day.name(), List.of(Map.of("start", "00:00", "end", "24:00")));
            }
            Map<String, Object> schedule = new LinkedHashMap<>();
            schedule.put("timeZone", "UTC");
            schedule.put("slotMinutes", 30);
            schedule.put("bufferBeforeMinutes", 0);
            schedule.put("bufferAfterMinutes", 0);
            schedule.put("minimumNoticeMinutes", 0);
            schedule.put("horizonDays", 60);
            schedule.put("weeklyHours", weekly);
            schedule.put("dateOverrides", List.of());
            Api.Response scheduled = api.put("/api/hosts/" + host.id() + "/schedule", host.key(), Api.json(schedule));
            assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
            hosts.add(host);
        }
        return hosts;
    }

    /** Subscribes a receiver to every host's booking events (admin subscription) on the first query side. */
    String subscribeAll(String url) {
        Api.Response created = query().api().post("/api/webhooks", ADMIN, Api.json(Map.of("url", url)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    long count(String sql, Object... parameters) {
        try (Connection connection = jdbc();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    Set<String> strings(String sql) {
        Set<String> values = new HashSet<>();
        try (Connection connection = jdbc();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return values;
    }

    /** Booking ids of the store's BookingReserved events (the payload is JSON). */
    Set<String> reservedInStore() {
        return strings("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'bookingId' FROM domain_event_entry"
                + " WHERE payload_type = 'dev.bookwise.events.BookingReserved'");
    }

    /** Ids of every booking event in the event store. */
    Set<String> bookingEventIds() {
        return strings(
                "SELECT event_identifier FROM domain_event_entry WHERE payload_type LIKE 'dev.bookwise.events.Booking%'");
    }

    /** Live bookings sharing a host and start in the read model: must stay 0. */
    long doubleBookedSlots() {
        return count("SELECT count(*) FROM (SELECT host_id, start_time FROM booking_view"
                + " WHERE status IN ('RESERVED', 'CONFIRMED') GROUP BY host_id, start_time HAVING count(*) > 1) d");
    }

    /** Waits until every reserved booking of the store is in the read model. */
    void awaitReadModelComplete(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        long stored = 0;
        long projected = 0;
        while (System.nanoTime() < deadline) {
            stored = count(
                    "SELECT count(*) FROM domain_event_entry WHERE payload_type = 'dev.bookwise.events.BookingReserved'");
            projected = count("SELECT count(*) FROM booking_view");
            if (projected == stored) {
                return;
            }
            AppProcess.sleep(250);
        }
        throw new AssertionError("read model incomplete after " + patience.toSeconds() + " s: " + projected + " of "
                + stored + " bookings");
    }

    /** The topic's records until every id of {@code expected} is among them, or the patience runs out. */
    List<ConsumerRecord<String, CloudEvent>> readTopic(Set<String> expected, Duration patience) {
        try (TopicReader reader = new TopicReader(kafka.bootstrap(), topic)) {
            return reader.readUntil(
                    records -> {
                        Set<String> seen = new HashSet<>();
                        records.forEach(r -> seen.add(r.value().getId()));
                        return seen.containsAll(expected);
                    },
                    patience);
        }
    }

    /** "published N, records M, duplicates D, missing X" for the report, and the missing ids. */
    static Set<String> missing(Set<String> expected, List<ConsumerRecord<String, CloudEvent>> records) {
        Set<String> missing = new HashSet<>(expected);
        records.forEach(r -> missing.remove(r.value().getId()));
        return missing;
    }

    static long duplicates(List<ConsumerRecord<String, CloudEvent>> records) {
        return records.size()
                - records.stream().map(r -> r.value().getId()).distinct().count();
    }

    static String randomKey() {
        return "k-" + UUID.randomUUID() + "-" + ThreadLocalRandom.current().nextInt(1000);
    }

    @Override
    public void close() {
        commandSides.forEach(AppProcess::close);
        querySides.forEach(AppProcess::close);
    }
}
