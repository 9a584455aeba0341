package dev.bookwise.command.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes an event store as this version of BookWise leaves it, for the tests that show a later
 * version replays it ({@code PreviousVersionStoreIT} on both sides). Not a test: run it by hand before
 * changing an event, and keep its output beside the earlier ones:
 *
 * <pre>
 * ./mvnw -q -pl command-side -am test-compile -DskipTests
 * java -cp "$(cat command-side/target/test-classpath.txt)" dev.bookwise.command.it.PreviousVersionStoreWriter \
 *     shared-events/src/test/resources/event-stores/NAME
 * </pre>
 * (the class path from {@code ./mvnw -pl command-side dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/test-classpath.txt}, plus {@code target/classes} and {@code target/test-classes}).
 *
 * It books through the real command side: two hosts (New York with a weekly schedule and buffers, UTC
 * with a one-off window), bookings confirmed, cancelled, rescheduled and expired, and writes the rows
 * of {@code domain_event_entry}, {@code host_credential} and {@code booking_directory} as SQL, and
 * what the API answered as {@code expected.json}.
 */
public final class PreviousVersionStoreWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PreviousVersionStoreWriter <directory to write>");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        TestDatabase database = TestDatabase.fresh();
        try (CommandSideInstance app =
                CommandSideInstance.start(database, Map.of("bookwise.reservation-ttl", "PT5S"))) {
            Api api = app.api();
            String admin = CommandSideIT.ADMIN;
            ObjectNode expected = JSON.createObjectNode();
            Api.Response ada = api.post(
                    "/api/hosts",
                    admin,
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"timeZone\":\"America/New_York\"}");
            Api.Response bea = api.post(
                    "/api/hosts", admin, "{\"name\":\"Bea\",\"email\":\"bea@example.com\",\"timeZone\":\"UTC\"}");
            String adaId = ada.text("hostId");
            String beaId = bea.text("hostId");
            expected.put("adaHostId", adaId);
            expected.put("beaHostId", beaId);
            check(api.put(
                    "/api/hosts/" + adaId + "/schedule",
                    admin,
                    Api.json(CommandSideIT.everyDay("America/New_York", 30, 5, 5, 0, 60, "09:00", "17:00"))));
            LocalDate day = LocalDate.now(ZoneId.of("America/New_York")).plusDays(2);
            LocalDate utcDay = LocalDate.now(ZoneId.of("UTC")).plusDays(2);
            check(api.post(
                    "/api/hosts/" + beaId + "/availability-windows",
                    admin,
                    "{\"startTime\":\"" + utcDay + "T10:00:00Z\",\"endTime\":\"" + utcDay
                            + "T13:00:00Z\",\"slotDuration\":30}"));

            ArrayNode bookings = expected.putArray("bookings");
            String confirmed = book(api, adaId, day + "T09:00", "America/New_York");
            check(api.patch("/api/bookings/" + confirmed + "/status", admin, "{\"status\":\"CONFIRMED\"}"));
            String cancelled = book(api, adaId, day + "T10:00", "America/New_York");
            check(api.patch(
                    "/api/bookings/" + cancelled + "/status",
                    admin,
                    "{\"status\":\"CANCELLED\",\"reason\":\"double-booked elsewhere\"}"));
            String rescheduled = book(api, adaId, day + "T11:00", "America/New_York");
            check(api.post(
                    "/api/bookings/" + rescheduled + "/reschedule",
                    admin,
                    "{\"localStart\":\"" + day + "T14:00\",\"timeZone\":\"America/New_York\"}"));
            String expired = book(api, adaId, day + "T15:00", "America/New_York");
            String beaBooking = book(api, beaId, utcDay + "T11:00", "UTC");
            check(api.patch("/api/bookings/" + beaBooking + "/status", admin, "{\"status\":\"CONFIRMED\"}"));
            JdbcTemplate jdbc = app.jdbc();
            long deadline = System.currentTimeMillis() + 60_000;
            while (jdbc.queryForObject(
                                    "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%BookingExpired'",
                                    Integer.class)
                            < 2
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            for (String id : List.of(confirmed, cancelled, rescheduled, expired, beaBooking)) {
                ObjectNode booking = bookings.addObject();
                booking.put("bookingId", id);
                booking.set(
                        "historyTypes",
                        JSON.valueToTree(jdbc.queryForList(
                                "SELECT substring(payload_type from '[^.]+$') FROM domain_event_entry e"
                                        + " WHERE convert_from(payload, 'UTF8')::jsonb ->> 'bookingId' = ?"
                                        + " ORDER BY global_index",
                                String.class,
                                id)));
            }
            for (var booking : bookings) {
                ObjectNode row = (ObjectNode) booking;
                Map<String, Object> view = jdbc.queryForMap(
                        "SELECT convert_from(payload, 'UTF8')::jsonb ->> 'start' AS start,"
                                + " convert_from(payload, 'UTF8')::jsonb ->> 'end' AS end"
                                + " FROM domain_event_entry WHERE convert_from(payload, 'UTF8')::jsonb ->> 'bookingId' = ?"
                                + " AND payload_type ~ '(Reserved|Rescheduled)$' ORDER BY global_index DESC LIMIT 1",
                        row.get("bookingId").asText());
                row.put("start", (String) view.get("start"));
                row.put("end", (String) view.get("end"));
                String last = row.get("historyTypes")
                        .get(row.get("historyTypes").size() - 1)
                        .asText();
                row.put(
                        "status",
                        switch (last) {
                            case "BookingConfirmed" -> "CONFIRMED";
                            case "BookingCancelled" -> "CANCELLED";
                            case "BookingExpired" -> "EXPIRED";
                            case "BookingCompleted" -> "COMPLETED";
                            default -> "RESERVED";
                        });
            }
            StringBuilder sql = new StringBuilder("-- written by PreviousVersionStoreWriter; do not edit\n");
            dump(
                    jdbc,
                    sql,
                    "domain_event_entry",
                    "aggregate_identifier, sequence_number, type, event_identifier, "
                            + "meta_data, payload, payload_revision, payload_type, time_stamp",
                    "global_index");
            dump(jdbc, sql, "host_credential", "api_key_sha256, host_id", "host_id");
            dump(jdbc, sql, "booking_directory", "booking_id, host_id", "booking_id");
            Files.writeString(out.resolve("store.sql"), sql);
            Files.writeString(out.resolve("expected.json"), JSON.writeValueAsString(expected));
        }
        System.exit(0);
    }

    private static String book(Api api, String hostId, String localStart, String zone) {
        Api.Response response = api.post(
                "/api/bookings",
                CommandSideIT.ADMIN,
                "{\"hostId\":\"" + hostId + "\",\"localStart\":\"" + localStart + "\",\"timeZone\":\"" + zone
                        + "\",\"attendee\":{\"name\":\"Bob\",\"email\":\"bob@example.com\",\"timeZone\":\"Europe/Paris\"}}");
        check(response);
        return response.text("bookingId");
    }

    private static void check(Api.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException(response.toString());
        }
    }

    private static void dump(JdbcTemplate jdbc, StringBuilder sql, String table, String columns, String order) {
        List<String> names = List.of(columns.split(",\\s*"));
        jdbc.query("SELECT " + columns + " FROM " + table + " ORDER BY " + order, rs -> {
            StringBuilder row = new StringBuilder("INSERT INTO " + table + " (" + columns + ") VALUES (");
            for (int i = 1; i <= names.size(); i++) {
                Object value = rs.getObject(i);
                row.append(i > 1 ? ", " : "");
                if (value == null) {
                    row.append("NULL");
                } else if (value instanceof byte[] bytes) {
                    row.append("decode('")
                            .append(HexFormat.of().formatHex(bytes))
                            .append("', 'hex')");
                } else if (value instanceof Number number) {
                    row.append(number);
                } else {
                    row.append('\'').append(value.toString().replace("'", "''")).append('\'');
                }
            }
            sql.append(row).append(");\n");
        });
    }
}
