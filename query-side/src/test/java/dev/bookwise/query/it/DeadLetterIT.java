package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.calendar.Attendee;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.testsupport.Api;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.GenericDeadLetterTableFactory;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

/**
 * An event the booking projection cannot apply (its attendee name is longer than the read model's
 * column, as after a release that let the command side accept longer names before the read model's
 * migration) parks only its host: other hosts' bookings stay current, the host's later events wait
 * behind it in order, the admin sees it (list, gauge, health) and, once the column is widened,
 * a retry applies it and the rest in order; evicting drops a sequence; a rebuild reports it.
 * Without the dead-letter queue the booking projection retries the batch forever and the first
 * read below is stale (its own context and database: it alters a read table).
 */
@TestPropertySource(properties = "bookwise.test.context=dead-letters")
@AutoConfigureObservability
class DeadLetterIT extends QuerySideIT {

    private static final String GROUP = "booking-view";
    private static final Pattern JAVA_NAMES =
            Pattern.compile("(dev\\.bookwise|java\\.|javax\\.|org\\.[a-z]+\\.|Exception|\\bat [a-z]+\\.)");

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String user;

    @Value("${spring.datasource.password}")
    String password;

    @Autowired
    DeadLetterSchema deadLetterSchema;

    @Autowired
    Serializer serializer;

    private final Instant day = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

    @Test
    void aHostWhoseEventTheReadModelRefusesIsParkedAloneUntilRetriedAndEvictingDropsASequence() {
        UUID hostA = host("A");
        UUID hostB = host("B");
        UUID hostC = host("C");
        String longName = "Ana Maria " + "de la Santísima Trinidad ".repeat(6); // 160 characters
        jdbc.execute("ALTER TABLE booking_view ALTER COLUMN attendee_name TYPE varchar(100)");
        try {
            UUID a1 = UUID.randomUUID();
            UUID a2 = UUID.randomUUID();
            long poisonA = append(hostA, reserved(a1, hostA, 0, longName));
            append(hostA, new BookingConfirmed(a1, hostA, "see you"));
            long lastOfA = append(hostA, reserved(a2, hostA, 1, "Bob"));
            UUID c1 = UUID.randomUUID();
            long poisonC = append(hostC, reserved(c1, hostC, 0, longName));

            // (a) another host booking afterwards is read back current: the projection did not stop
            UUID b1 = UUID.randomUUID();
            long positionB = append(hostB, reserved(b1, hostB, 0, "Carol"));
            Api.Response readB = api.get("/api/bookings/" + b1 + "?minPosition=" + positionB, ADMIN);
            assertThat(readB.status()).as(readB.toString()).isEqualTo(200);
            assertThat(readB.header("X-Bookwise-Stale")).isNull();
            assertThat(readB.text("status")).isEqualTo("RESERVED");

            // (b) host A's sequence is parked: the refused reservation first, its later events behind it
            List<JsonNode> lettersA = letters(hostA);
            assertThat(lettersA)
                    .extracting(l -> l.path("eventType").asText())
                    .containsExactly("BookingReserved", "BookingConfirmed", "BookingReserved");
            assertThat(lettersA).extracting(l -> l.path("index").asLong()).isSorted();
            assertThat(lettersA)
                    .extracting(l -> l.path("globalPosition").asLong())
                    .isSorted();
            JsonNode head = lettersA.get(0);
            assertThat(head.path("globalPosition").asLong()).isEqualTo(poisonA);
            assertThat(lettersA.get(2).path("globalPosition").asLong()).isEqualTo(lastOfA);
            assertThat(head.path("hostId").asText()).isEqualTo(hostA.toString());
            assertThat(head.path("sequenceId").asText()).isEqualTo(hostA.toString());
            assertThat(head.path("attempts").asInt()).isEqualTo(1);
            assertThat(head.path("enqueuedAt").asText()).isNotBlank();
            String cause = head.path("cause").asText();
            assertThat(cause).contains("value too long").contains("SQLSTATE 22001");
            assertThat(JAVA_NAMES.matcher(cause).find()).as(cause).isFalse();
            assertThat(lettersA.get(1).path("cause").isNull()).isTrue();
            assertThat(lettersA.get(1).path("attempts").asInt()).isZero();
            assertThat(letters(hostC))
                    .singleElement()
                    .satisfies(letter ->
                            assertThat(letter.path("globalPosition").asLong()).isEqualTo(poisonC));
            Api.Response firstPage = api.get("/api/admin/dead-letters?limit=2", ADMIN);
            assertThat(firstPage
                            .json()
                            .path("groups")
                            .path(GROUP)
                            .path("letters")
                            .asLong())
                    .isEqualTo(4);
            assertThat(firstPage
                            .json()
                            .path("groups")
                            .path(GROUP)
                            .path("sequences")
                            .asLong())
                    .isEqualTo(2);
            assertThat(firstPage.json().path("items")).hasSize(2);
            Api.Response lastPage = api.get("/api/admin/dead-letters?limit=2&cursor=" + firstPage.text("next"), ADMIN);
            assertThat(lastPage.json().path("items")).hasSize(2);
            assertThat(lastPage.json().path("next").isNull()).isTrue();
            for (UUID parked : List.of(a1, a2, c1)) {
                assertThat(api.get("/api/bookings/" + parked, ADMIN).status()).isEqualTo(404);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(gauge(GROUP)).isEqualTo(4.0);
                JsonNode health = api.get("/actuator/health", ADMIN).json().path("components");
                assertThat(health.path("deadLetters").path("status").asText()).isEqualTo("UP");
                assertThat(health.path("deadLetters")
                                .path("details")
                                .path(GROUP)
                                .path("letters")
                                .asLong())
                        .isEqualTo(4);
                assertThat(health.path("deadLetters")
                                .path("details")
                                .path(GROUP)
                                .path("sequences")
                                .asLong())
                        .isEqualTo(2);
                assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
            });
            assertThat(gauge("host-view")).isZero();
            assertThat(gauge("kafka-publisher")).isZero();
            System.out.printf("[dead-letters] parked: %s%n", head);

            // a retry before the fix fails again: nothing applied, the letter stays in front, one more attempt
            Api.Response early = api.post(retryPath(hostA), ADMIN, null);
            assertThat(early.status()).as(early.toString()).isEqualTo(200);
            assertThat(early.json().path("applied").asLong()).isZero();
            assertThat(early.json().path("remaining").asLong()).isEqualTo(3);
            assertThat(early.text("cause")).contains("value too long");
            assertThat(letters(hostA).get(0).path("attempts").asInt()).isEqualTo(2);
            assertThat(api.get("/api/bookings/" + a2, ADMIN).status()).isEqualTo(404);

            // (d) evicting host C's sequence removes it: its event is never applied
            Api.Response evicted = api.send("DELETE", sequencePath(hostC), ADMIN, null);
            assertThat(evicted.status()).as(evicted.toString()).isEqualTo(200);
            assertThat(evicted.json().path("evicted").asLong()).isEqualTo(1);
            assertThat(letters(hostC)).isEmpty();
            Api.Response again = api.send("DELETE", sequencePath(hostC), ADMIN, null);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.code()).isEqualTo("dead-letter-sequence-not-found");

            // a rebuild meanwhile: the refused events are reported (where and why), not fatal
            rebuildReportsWhatItCouldNotApply(hostA, poisonA, hostC, poisonC, b1);
        } finally {
            // "the fix": the read model's column takes what the command side accepts
            jdbc.execute("ALTER TABLE booking_view ALTER COLUMN attendee_name TYPE text");
        }

        // (c) after the fix a retry applies the parked reservation and then the rest of host A's events, in order
        Api.Response retried = api.post(retryPath(hostA), ADMIN, null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("applied").asLong()).isEqualTo(3);
        assertThat(retried.json().path("remaining").asLong()).isZero();
        System.out.printf("[dead-letters] retried: %s%n", retried.body());
        List<JsonNode> bookingsOfA = new ArrayList<>();
        api.get("/api/hosts/" + hostA + "/bookings", ADMIN).json().path("items").forEach(bookingsOfA::add);
        assertThat(bookingsOfA)
                .extracting(
                        b -> b.path("attendee").path("name").asText(),
                        b -> b.path("status").asText())
                .containsExactly(
                        tuple("Ana Maria " + "de la Santísima Trinidad ".repeat(6), "CONFIRMED"),
                        tuple("Bob", "RESERVED"));
        assertThat(letters(null)).isEmpty();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(gauge(GROUP)).isZero());

        // host A is no longer parked: its next event is applied directly
        UUID a2 = UUID.fromString(bookingsOfA.get(1).path("bookingId").asText());
        long cancelled = append(hostA, new BookingCancelled(a2, hostA, "changed plans"));
        Api.Response afterwards = api.get("/api/bookings/" + a2 + "?minPosition=" + cancelled, ADMIN);
        assertThat(afterwards.header("X-Bookwise-Stale")).isNull();
        assertThat(afterwards.text("status")).isEqualTo("CANCELLED");
    }

    private void rebuildReportsWhatItCouldNotApply(UUID hostA, long poisonA, UUID hostC, long poisonC, UUID b1) {
        assertThat(api.post("/api/admin/read-models/rebuild", ADMIN, null).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !api.get("/api/admin/read-models/rebuild", ADMIN)
                        .text("state")
                        .equals("RUNNING"));
        Api.Response rebuilt = api.get("/api/admin/read-models/rebuild", ADMIN);
        System.out.printf("[dead-letters] rebuild: %s%n", rebuilt.body());
        assertThat(rebuilt.text("state")).isEqualTo("SUCCEEDED");
        // A's reservation refused, its confirmation and second reservation held back; C's reservation refused
        assertThat(rebuilt.json().path("eventsNotApplied").asLong()).isEqualTo(4);
        List<JsonNode> notApplied = new ArrayList<>();
        rebuilt.json().path("notApplied").forEach(notApplied::add);
        assertThat(notApplied)
                .extracting(
                        n -> n.path("processingGroup").asText(),
                        n -> n.path("hostId").asText(),
                        n -> n.path("globalPosition").asLong(),
                        n -> n.path("eventType").asText(),
                        n -> n.path("heldBack").asLong())
                .containsExactly(
                        tuple(GROUP, hostA.toString(), poisonA, "BookingReserved", 2L),
                        tuple(GROUP, hostC.toString(), poisonC, "BookingReserved", 0L));
        assertThat(notApplied.get(0).path("cause").asText()).contains("value too long");
        assertThat(api.get("/api/bookings/" + b1, ADMIN).status()).isEqualTo(200);
    }

    @Test
    void unknownGroupsAndSequencesAreProblemsAndOnlyTheAdminMayLookOrAct() {
        UUID host = UUID.randomUUID();
        String key = "key-" + host;
        long registered = append(host, new HostRegistered(host, "D", "d@example.com", "UTC", keyDigest(key)));
        Api.Response group = api.post("/api/admin/dead-letters/no-such-group/" + host + "/retry", ADMIN, null);
        assertThat(group.status()).isEqualTo(404);
        assertThat(group.code()).isEqualTo("processing-group-not-found");
        assertThat(group.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/admin/dead-letters?processingGroup=no-such-group", ADMIN)
                        .code())
                .isEqualTo("processing-group-not-found");
        Api.Response sequence = api.post(retryPath(host), ADMIN, null);
        assertThat(sequence.status()).isEqualTo(404);
        assertThat(sequence.code()).isEqualTo("dead-letter-sequence-not-found");

        Api.Response forbidden = api.get("/api/admin/dead-letters?minPosition=" + registered, key);
        assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("forbidden");
        assertThat(api.send("DELETE", sequencePath(host), key, null).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/dead-letters", null).status()).isEqualTo(401);

        JsonNode paths = api.get("/api/docs/openapi.json", null).json().path("paths");
        assertThat(paths.path("/api/admin/dead-letters").has("get")).isTrue();
        assertThat(paths.path("/api/admin/dead-letters/{processingGroup}/{sequenceId}/retry")
                        .has("post"))
                .isTrue();
        assertThat(paths.path("/api/admin/dead-letters/{processingGroup}/{sequenceId}")
                        .has("delete"))
                .isTrue();
    }

    /** The Flyway table has the columns Axon's own createSchema makes (bytea for serialized data). */
    @Test
    void theDeadLetterTableIsTheOneAxonWouldCreate() throws Exception {
        jdbc.execute("DROP SCHEMA IF EXISTS axon_reference CASCADE");
        jdbc.execute("CREATE SCHEMA axon_reference");
        try {
            // a connection of its own: a pooled one would keep the search path
            ConnectionProvider inReferenceSchema = () -> {
                Connection connection = DriverManager.getConnection(url, user, password);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET search_path TO axon_reference");
                }
                return connection;
            };
            JdbcSequencedDeadLetterQueue.builder()
                    .processingGroup(GROUP)
                    .connectionProvider(inReferenceSchema)
                    .transactionManager(NoTransactionManager.instance())
                    .schema(deadLetterSchema)
                    .genericSerializer(serializer)
                    .eventSerializer(serializer)
                    .build()
                    .createSchema(new GenericDeadLetterTableFactory() {
                        @Override
                        protected String serializedDataType() {
                            return "BYTEA";
                        }
                    });
            assertThat(columns("public")).isEqualTo(columns("axon_reference")).hasSize(22);
        } finally {
            jdbc.execute("DROP SCHEMA axon_reference CASCADE");
        }
    }

    private List<Map<String, Object>> columns(String schema) {
        return jdbc.queryForList("""
                SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
                WHERE table_schema = ? AND table_name = 'dead_letter_entry' ORDER BY column_name""", schema);
    }

    private UUID host(String name) {
        UUID host = UUID.randomUUID();
        append(
                host,
                new HostRegistered(host, name, name.toLowerCase() + "@example.com", "UTC", keyDigest("key-" + host)));
        return host;
    }

    private BookingReserved reserved(UUID booking, UUID host, int slot, String attendee) {
        Instant start = day.plus(Duration.ofMinutes(30L * slot));
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(Duration.ofMinutes(30)),
                0,
                0,
                new Attendee(attendee, "guest@example.com", "Europe/Madrid"),
                day,
                "deadline-" + booking);
    }

    /** The admin listing of one host's letters in the booking projection (every group's when host is null). */
    private List<JsonNode> letters(UUID host) {
        String query = host == null ? "" : "?processingGroup=" + GROUP + "&sequenceId=" + host;
        Api.Response listing = api.get("/api/admin/dead-letters" + query, ADMIN);
        assertThat(listing.status()).as(listing.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        listing.json().path("items").forEach(items::add);
        return items;
    }

    private double gauge(String group) {
        String line = api.get("/actuator/prometheus", ADMIN)
                .body()
                .lines()
                .filter(l -> l.startsWith("bookwise_dead_letters{") && l.contains("processing_group=\"" + group + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bookwise_dead_letters for " + group));
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static String sequencePath(UUID host) {
        return "/api/admin/dead-letters/" + GROUP + "/" + host;
    }

    private static String retryPath(UUID host) {
        return sequencePath(host) + "/retry";
    }
}
