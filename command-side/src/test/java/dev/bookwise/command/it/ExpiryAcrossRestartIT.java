package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expiry deadline lives in PostgreSQL: a reservation made before a restart still expires after it. */
class ExpiryAcrossRestartIT {

    private static final Map<String, Object> SHORT_TTL = Map.of("bookwise.reservation-ttl", "PT3S");

    @Test
    void aReservationExpiresAfterTheAppRestartsAndItsSlotIsOfferedAgain() {
        TestDatabase database = TestDatabase.fresh();
        CommandSideIT.Host host;
        String bookingId;
        Instant start = CommandSideIT.slot(20);
        Instant expiresAt;
        try (CommandSideInstance before = CommandSideInstance.start(database, SHORT_TTL)) {
            Api api = before.api();
            Api.Response registered = api.post(
                    "/api/hosts",
                    CommandSideIT.ADMIN,
                    Api.json(Map.of("name", "Ada", "email", "ada@example.com", "timeZone", "UTC")));
            host = new CommandSideIT.Host(registered.text("hostId"), registered.text("apiKey"));
            api.put(
                    "/api/hosts/" + host.id() + "/schedule",
                    host.key(),
                    Api.json(CommandSideIT.everyDay("UTC", 30, 0, 0, 0, 60, "00:00", "24:00")));
            Api.Response reserved = api.post("/api/bookings", host.key(), CommandSideIT.booking(host, start));
            assertThat(reserved.status()).isEqualTo(201);
            bookingId = reserved.text("bookingId");
            expiresAt = Instant.parse(reserved.text("expiresAt"));
        }

        // the app is down when the reservation falls due
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt.plusSeconds(1)));

        try (CommandSideInstance after = CommandSideInstance.start(database, SHORT_TTL)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(after.jdbc()
                                    .queryForObject(
                                            "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%BookingExpired' AND aggregate_identifier = ?",
                                            Long.class, host.id()))
                            .isEqualTo(1));

            Api api = after.api();
            assertThat(api.patch("/api/bookings/" + bookingId + "/status", host.key(), "{\"status\":\"CONFIRMED\"}")
                            .code())
                    .isEqualTo("invalid-transition");
            assertThat(api.post("/api/bookings", host.key(), CommandSideIT.booking(host, start))
                            .status())
                    .isEqualTo(201);
        }
    }

    @Test
    void aConfirmedReservationNeverExpires() {
        TestDatabase database = TestDatabase.fresh();
        try (CommandSideInstance app = CommandSideInstance.start(database, SHORT_TTL)) {
            Api api = app.api();
            Api.Response registered = api.post(
                    "/api/hosts",
                    CommandSideIT.ADMIN,
                    Api.json(Map.of("name", "Ada", "email", "ada@example.com", "timeZone", "UTC")));
            CommandSideIT.Host host = new CommandSideIT.Host(registered.text("hostId"), registered.text("apiKey"));
            api.put(
                    "/api/hosts/" + host.id() + "/schedule",
                    host.key(),
                    Api.json(CommandSideIT.everyDay("UTC", 30, 0, 0, 0, 60, "00:00", "24:00")));
            Api.Response reserved =
                    api.post("/api/bookings", host.key(), CommandSideIT.booking(host, CommandSideIT.slot(20)));
            api.patch(
                    "/api/bookings/" + reserved.text("bookingId") + "/status",
                    host.key(),
                    "{\"status\":\"CONFIRMED\"}");

            // the expiry deadline was cancelled with the confirmation, not merely ignored when it fires
            assertThat(app.jdbc()
                            .queryForObject(
                                    "SELECT count(*) FROM scheduled_tasks WHERE task_name <> 'idempotency-record-cleanup'",
                                    Long.class))
                    .isZero();
            Instant expiresAt = Instant.parse(reserved.text("expiresAt"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt.plusSeconds(3)));
            assertThat(app.jdbc()
                            .queryForObject(
                                    "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%BookingExpired'",
                                    Long.class))
                    .isZero();
        }
    }
}
