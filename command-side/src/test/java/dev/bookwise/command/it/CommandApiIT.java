package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import java.sql.Connection;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each status code and problem code of the contract's command side, over HTTP. */
class CommandApiIT extends CommandSideIT {

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.json().has("type")
                        && response.json().has("title")
                        && response.json().has("detail"))
                .isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Nested
    class Hosts {

        @Test
        void theAdminRegistersAHostAndGetsItsKeyOnce() {
            Api.Response response = api.post(
                    "/api/hosts",
                    ADMIN,
                    Api.json(Map.of("name", "Ada", "email", "ada@example.com", "timeZone", "America/New_York")));

            assertThat(response.status()).isEqualTo(201);
            assertThat(UUID.fromString(response.text("hostId"))).isNotNull();
            assertThat(response.text("apiKey")).startsWith("bwk_").hasSizeGreaterThan(40);
            assertThat(response.text("timeZone")).isEqualTo("America/New_York");
            Integer stored = jdbc.queryForObject(
                    "SELECT count(*) FROM host_credential WHERE api_key_sha256 = ?",
                    Integer.class,
                    response.text("apiKey"));
            assertThat(stored).as("the plain key is never stored").isZero();
        }

        @Test
        void anUnknownZoneIsRefused() {
            assertProblem(
                    api.post(
                            "/api/hosts",
                            ADMIN,
                            Api.json(Map.of("name", "Ada", "email", "ada@example.com", "timeZone", "Mars/Olympus"))),
                    400,
                    "invalid-time-zone");
        }

        @Test
        void aMalformedBodyIsAnInvalidRequest() {
            assertProblem(api.post("/api/hosts", ADMIN, "{\"name\": "), 400, "invalid-request");
            assertProblem(
                    api.post("/api/hosts", ADMIN, Api.json(Map.of("email", "not-an-email", "timeZone", "UTC"))),
                    400,
                    "invalid-request");
            // PostgreSQL text cannot hold NUL: it must never reach an event
            assertProblem(
                    api.post(
                            "/api/hosts",
                            ADMIN,
                            "{\"name\":\"Zo\\u0000e\",\"email\":\"z@example.com\",\"timeZone\":\"UTC\"}"),
                    400,
                    "invalid-request");
            // JSON types are not guessed: a number is not text, and not an instant
            Api.Response numericName =
                    api.post("/api/hosts", ADMIN, "{\"name\":5,\"email\":\"z@example.com\",\"timeZone\":\"UTC\"}");
            assertProblem(numericName, 400, "invalid-request");
            assertThat(numericName.json().path("detail").asText()).isEqualTo("name must be text");
        }

        @Test
        void anInstantGivenAsANumberIsRefusedInApiWords() {
            Host host = openHost();
            Api.Response response = api.post(
                    "/api/bookings",
                    host.key(),
                    "{\"hostId\":\"" + host.id() + "\",\"start\":" + slot(4).getEpochSecond()
                            + ",\"attendee\":{\"name\":\"Bob\",\"email\":\"b@example.com\"}}");
            assertProblem(response, 400, "invalid-request");
            assertThat(response.json().path("detail").asText())
                    .isEqualTo("start must be an ISO-8601 instant with an offset, such as 2026-05-01T09:00:00Z");
            assertThat(api.post("/api/bookings", host.key(), booking(host, slot(4)))
                            .status())
                    .isEqualTo(201);
        }

        @Test
        void aMissingOrUnknownKeyIsUnauthenticated() {
            String body = Api.json(Map.of("name", "Ada", "email", "ada@example.com", "timeZone", "UTC"));
            assertProblem(api.post("/api/hosts", null, body), 401, "unauthenticated");
            assertProblem(api.post("/api/hosts", "bwk_not-a-key", body), 401, "unauthenticated");
        }

        @Test
        void aHostKeyCannotRegisterHostsOrTouchAnotherHost() {
            Host ada = register("UTC");
            Host grace = register("UTC");
            assertProblem(
                    api.post(
                            "/api/hosts",
                            ada.key(),
                            Api.json(Map.of("name", "Eve", "email", "eve@example.com", "timeZone", "UTC"))),
                    403,
                    "forbidden");
            assertProblem(
                    api.put(
                            "/api/hosts/" + grace.id() + "/schedule",
                            ada.key(),
                            Api.json(everyDay("UTC", 30, 0, 0, 0, 60, "09:00", "17:00"))),
                    403,
                    "forbidden");
            assertProblem(api.post("/api/bookings", ada.key(), booking(grace, slot(20))), 403, "forbidden");
        }
    }

    @Nested
    class Schedules {

        @Test
        void aScheduleIsStoredAndReturned() {
            Host host = register("America/New_York");
            Map<String, Object> schedule = everyDay("America/New_York", 30, 5, 10, 120, 60, "09:00", "17:00");
            schedule.put(
                    "dateOverrides",
                    List.of(
                            Map.of("date", "2030-12-24", "hours", List.of(Map.of("start", "09:00", "end", "12:00"))),
                            Map.of("date", "2030-12-25", "hours", List.of())));

            Api.Response response = api.put("/api/hosts/" + host.id() + "/schedule", host.key(), Api.json(schedule));

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().path("slotMinutes").asInt()).isEqualTo(30);
            assertThat(response.json().path("bufferAfterMinutes").asInt()).isEqualTo(10);
            assertThat(response.json()
                            .path("weeklyHours")
                            .path("MONDAY")
                            .get(0)
                            .path("end")
                            .asText())
                    .isEqualTo("17:00");
            assertThat(response.json().path("dateOverrides").get(1).path("hours"))
                    .isEmpty();
            assertThat(response.header("X-Bookwise-Position")).isNotNull();
        }

        @Test
        void invalidSchedulesAreRefused() {
            Host host = register("UTC");
            String path = "/api/hosts/" + host.id() + "/schedule";
            assertProblem(
                    api.put(path, host.key(), Api.json(everyDay("UTC", 30, 0, 0, 0, 60, "10:00", "09:00"))),
                    400,
                    "invalid-schedule");
            assertProblem(
                    api.put(path, host.key(), Api.json(everyDay("UTC", 0, 0, 0, 0, 60, "09:00", "10:00"))),
                    400,
                    "invalid-schedule");
            assertProblem(
                    api.put(path, host.key(), Api.json(everyDay("Nowhere/City", 30, 0, 0, 0, 60, "09:00", "10:00"))),
                    400,
                    "invalid-schedule");
            Map<String, Object> overlapping = everyDay("UTC", 30, 0, 0, 0, 60, "09:00", "12:00");
            overlapping.put(
                    "weeklyHours",
                    Map.of(
                            "MONDAY",
                            List.of(
                                    Map.of("start", "09:00", "end", "12:00"),
                                    Map.of("start", "11:00", "end", "13:00"))));
            assertProblem(api.put(path, host.key(), Api.json(overlapping)), 400, "invalid-schedule");
        }

        @Test
        void anUnknownHostIsNotFound() {
            assertProblem(
                    api.put(
                            "/api/hosts/" + UUID.randomUUID() + "/schedule",
                            ADMIN,
                            Api.json(everyDay("UTC", 30, 0, 0, 0, 60, "09:00", "17:00"))),
                    404,
                    "host-not-found");
        }
    }

    @Nested
    class Windows {

        private Api.Response window(Host host, String start, String end, int slot) {
            return api.post(
                    "/api/hosts/" + host.id() + "/availability-windows",
                    host.key(),
                    Api.json(Map.of("startTime", start, "endTime", end, "slotDuration", slot)));
        }

        @Test
        void overlappingAndTouchingWindowsMergeIntoOne() {
            Host host = register("UTC");
            Api.Response first = window(host, "2030-01-01T10:00:00Z", "2030-01-01T12:00:00Z", 30);
            assertThat(first.status()).isEqualTo(201);
            assertThat(first.text("startTime")).isEqualTo("2030-01-01T10:00:00Z");

            Api.Response touching = window(host, "2030-01-01T12:00:00Z", "2030-01-01T13:00:00Z", 30);
            assertThat(touching.status()).isEqualTo(201);
            assertThat(touching.text("startTime")).isEqualTo("2030-01-01T10:00:00Z");
            assertThat(touching.text("endTime")).isEqualTo("2030-01-01T13:00:00Z");

            Api.Response overlapping = window(host, "2030-01-01T09:00:00+00:00", "2030-01-01T10:30:00Z", 30);
            assertThat(overlapping.json().path("startTime").asText()).isEqualTo("2030-01-01T09:00:00Z");
            assertThat(overlapping.json().path("endTime").asText()).isEqualTo("2030-01-01T13:00:00Z");
            assertThat(overlapping.json().path("slotDuration").asInt()).isEqualTo(30);
        }

        @Test
        void aDifferentSlotDurationIsAMismatch() {
            Host host = register("UTC");
            window(host, "2030-01-01T10:00:00Z", "2030-01-01T12:00:00Z", 30);
            assertProblem(
                    window(host, "2030-02-01T10:00:00Z", "2030-02-01T12:00:00Z", 45), 422, "slot-duration-mismatch");
        }

        @Test
        void anEndNotAfterTheStartIsAnInvalidWindow() {
            Host host = register("UTC");
            assertProblem(window(host, "2030-01-01T12:00:00Z", "2030-01-01T12:00:00Z", 30), 400, "invalid-window");
        }
    }

    @Nested
    class Bookings {

        @Test
        void aFreeSlotIsReserved() {
            Host host = openHost();
            Instant start = slot(20);

            Api.Response response = reserve(host, start);

            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            assertThat(response.text("status")).isEqualTo("RESERVED");
            assertThat(response.text("hostId")).isEqualTo(host.id());
            assertThat(response.text("start")).isEqualTo(start.toString());
            assertThat(response.text("end"))
                    .isEqualTo(start.plus(30, ChronoUnit.MINUTES).toString());
            assertThat(Instant.parse(response.text("expiresAt")))
                    .isBetween(Instant.now().plusSeconds(540), Instant.now().plusSeconds(601));
            assertThat(response.json().path("attendee").path("email").asText()).isEqualTo("bob@example.com");
            assertThat(Long.parseLong(response.header("X-Bookwise-Position"))).isPositive();
        }

        @Test
        void aTakenSlotOrOneInsideItsBuffersIsUnavailable() {
            Host host = register("UTC");
            api.put(
                    "/api/hosts/" + host.id() + "/schedule",
                    host.key(),
                    Api.json(everyDay("UTC", 30, 0, 30, 0, 60, "00:00", "24:00")));
            assertThat(reserve(host, slot(20)).status()).isEqualTo(201);

            assertProblem(reserve(host, slot(20)), 409, "slot-unavailable");
            // 30 minutes of buffer after the first booking
            assertProblem(reserve(host, slot(21)), 409, "slot-unavailable");
            assertThat(reserve(host, slot(22)).status()).isEqualTo(201);
        }

        @Test
        void startsThatAreNotOfferedAreRefused() {
            Host host = register("America/New_York");
            api.put(
                    "/api/hosts/" + host.id() + "/schedule",
                    host.key(),
                    Api.json(everyDay("America/New_York", 30, 0, 0, 24 * 60, 30, "09:00", "17:00")));
            ZoneId zone = ZoneId.of("America/New_York");
            LocalDate inThreeDays = LocalDate.now(zone).plusDays(3);

            assertProblem(reserve(host, inThreeDays.atTime(8, 0).atZone(zone).toInstant()), 422, "slot-not-offered");
            assertProblem(reserve(host, inThreeDays.atTime(9, 10).atZone(zone).toInstant()), 422, "slot-not-offered");
            assertProblem(
                    reserve(
                            host,
                            inThreeDays.plusDays(40).atTime(9, 0).atZone(zone).toInstant()),
                    422,
                    "slot-not-offered");
            assertProblem(
                    reserve(
                            host,
                            inThreeDays.minusDays(10).atTime(9, 0).atZone(zone).toInstant()),
                    422,
                    "slot-not-offered");
            // inside the 24 hour notice
            assertProblem(
                    reserve(host, Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS)),
                    422,
                    "slot-not-offered");
            assertThat(reserve(host, inThreeDays.atTime(9, 30).atZone(zone).toInstant())
                            .status())
                    .isEqualTo(201);
        }

        @Test
        void anUnknownHostIsNotFound() {
            assertProblem(
                    api.post(
                            "/api/bookings",
                            ADMIN,
                            booking(new Host(UUID.randomUUID().toString(), null), slot(20))),
                    404,
                    "host-not-found");
        }

        @Test
        void malformedBookingsAreInvalidRequests() {
            Host host = openHost();
            assertProblem(api.post("/api/bookings", host.key(), "not json"), 400, "invalid-request");
            assertProblem(
                    api.post("/api/bookings", host.key(), booking(host, slot(20)) + " garbage"),
                    400,
                    "invalid-request");
            assertProblem(
                    api.post(
                            "/api/bookings",
                            host.key(),
                            Api.json(Map.of(
                                    "hostId",
                                    host.id(),
                                    "start",
                                    "tomorrow",
                                    "attendee",
                                    Map.of("name", "Bob", "email", "bob@example.com")))),
                    400,
                    "invalid-request");
            assertProblem(
                    api.post(
                            "/api/bookings",
                            host.key(),
                            Api.json(Map.of("hostId", host.id(), "start", slot(20).toString()))),
                    400,
                    "invalid-request");
            assertProblem(
                    api.post(
                            "/api/bookings",
                            host.key(),
                            Api.json(Map.of(
                                    "hostId",
                                    host.id(),
                                    "start",
                                    slot(20).toString(),
                                    "localStart",
                                    "2030-01-01T10:00",
                                    "timeZone",
                                    "UTC",
                                    "attendee",
                                    Map.of("name", "Bob", "email", "bob@example.com")))),
                    400,
                    "invalid-request");
            assertProblem(
                    api.post("/api/bookings", host.key(), booking(host, slot(20)), "Idempotency-Key", "k".repeat(256)),
                    400,
                    "invalid-request");
        }
    }

    @Nested
    class DaylightSaving {

        private ZoneOffsetTransition next(String zone, boolean gap) {
            ZoneOffsetTransition transition =
                    ZoneId.of(zone).getRules().nextTransition(Instant.now().plus(3, ChronoUnit.DAYS));
            while (transition.isGap() != gap) {
                transition = ZoneId.of(zone).getRules().nextTransition(transition.getInstant());
            }
            return transition;
        }

        private Host allDayHost(String zone) {
            Host host = register(zone);
            api.put(
                    "/api/hosts/" + host.id() + "/schedule",
                    host.key(),
                    Api.json(everyDay(zone, 30, 0, 0, 0, 1000, "00:00", "24:00")));
            return host;
        }

        private Api.Response reserveLocal(Host host, String zone, String local, String offset) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of(
                    "hostId",
                    host.id(),
                    "localStart",
                    local,
                    "timeZone",
                    zone,
                    "attendee",
                    Map.of("name", "Bob", "email", "bob@example.com")));
            if (offset != null) {
                body.put("offset", offset);
            }
            return api.post("/api/bookings", host.key(), Api.json(body));
        }

        @Test
        void aTimeInTheSpringForwardGapDoesNotExistInNewYorkAndLondon() {
            for (String zone : List.of("America/New_York", "Europe/London")) {
                Host host = allDayHost(zone);
                ZoneOffsetTransition gap = next(zone, true);
                assertProblem(
                        reserveLocal(
                                host,
                                zone,
                                gap.getDateTimeBefore().plusMinutes(30).toString(),
                                null),
                        422,
                        "nonexistent-local-time");
            }
        }

        @Test
        void aTimeInTheFallBackOverlapNeedsAnOffsetAndEachOffsetIsItsOwnSlot() {
            for (String zone : List.of("America/New_York", "Europe/London")) {
                Host host = allDayHost(zone);
                ZoneOffsetTransition overlap = next(zone, false);
                String local = overlap.getDateTimeAfter().plusMinutes(30).toString();

                assertProblem(reserveLocal(host, zone, local, null), 422, "ambiguous-local-time");

                Api.Response first = reserveLocal(
                        host, zone, local, overlap.getOffsetBefore().getId());
                Api.Response second =
                        reserveLocal(host, zone, local, overlap.getOffsetAfter().getId());
                assertThat(first.status()).as(first.toString()).isEqualTo(201);
                assertThat(second.status()).as(second.toString()).isEqualTo(201);
                assertThat(Instant.parse(second.text("start")))
                        .isEqualTo(Instant.parse(first.text("start")).plus(1, ChronoUnit.HOURS));
                assertThat(first.text("start"))
                        .isEqualTo(overlap.getInstant()
                                .minus(30, ChronoUnit.MINUTES)
                                .toString());
            }
        }

        @Test
        void wallClockStartsOutsideTransitionsResolveToTheirInstant() {
            Host host = allDayHost("America/New_York");
            LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(5).with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY));
            Api.Response response =
                    reserveLocal(host, "America/New_York", day.atTime(10, 0).toString(), null);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            assertThat(response.text("start"))
                    .isEqualTo(day.atTime(10, 0)
                            .atZone(ZoneId.of("America/New_York"))
                            .toInstant()
                            .toString());
        }
    }

    @Nested
    class Idempotency {

        @Test
        void aRetryWithTheSameKeyAndBodyReplaysTheFirstResponseWithoutBookingAgain() {
            Host host = openHost();
            Api.Response first = reserve(host, slot(20), "Idempotency-Key", "retry-1");
            Api.Response retry = reserve(host, slot(20), "Idempotency-Key", "retry-1");

            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(retry.header("X-Bookwise-Position")).isEqualTo(first.header("X-Bookwise-Position"));
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM booking_directory WHERE host_id = ?::uuid", Long.class, host.id()))
                    .isEqualTo(1);
        }

        @Test
        void aFailedFirstResponseIsReplayedToo() {
            Host host = openHost();
            reserve(host, slot(20));
            Api.Response first = reserve(host, slot(20), "Idempotency-Key", "retry-409");
            api.patch(
                    "/api/bookings/"
                            + jdbc.queryForObject(
                                    "SELECT booking_id FROM booking_directory WHERE host_id = ?::uuid",
                                    String.class,
                                    host.id())
                            + "/status",
                    host.key(),
                    "{\"status\":\"CANCELLED\"}");

            Api.Response retry = reserve(host, slot(20), "Idempotency-Key", "retry-409");

            assertProblem(retry, 409, "slot-unavailable");
            assertThat(retry.body()).isEqualTo(first.body());
        }

        @Test
        void theSameKeyWithAnotherBodyIsReused() {
            Host host = openHost();
            reserve(host, slot(20), "Idempotency-Key", "reused");
            assertProblem(reserve(host, slot(22), "Idempotency-Key", "reused"), 422, "idempotency-key-reused");
        }

        @Test
        void keysBelongToTheirCaller() {
            Host host = openHost();
            reserve(host, slot(20), "Idempotency-Key", "shared-name");
            // the admin's key space is its own: the same key books again (and finds the slot taken)
            assertProblem(
                    api.post("/api/bookings", ADMIN, booking(host, slot(20)), "Idempotency-Key", "shared-name"),
                    409,
                    "slot-unavailable");
        }

        @Test
        void aKeyStillInFlightIsAConflict() throws Exception {
            Host host = openHost();
            // another transaction holds the key, as a concurrent first request would
            try (Connection connection = jdbc.getDataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(2, hashtext('" + host.id() + "\nbusy'))");
                assertProblem(reserve(host, slot(20), "Idempotency-Key", "busy"), 409, "idempotency-key-in-flight");
                statement.execute("SELECT pg_advisory_unlock(2, hashtext('" + host.id() + "\nbusy'))");
            }
            assertThat(reserve(host, slot(20), "Idempotency-Key", "busy").status())
                    .isEqualTo(201);
        }
    }

    @Nested
    class Transitions {

        private String reserved(Host host, int halfHours) {
            Api.Response response = reserve(host, slot(halfHours));
            assertThat(response.status()).isEqualTo(201);
            return response.text("bookingId");
        }

        private Api.Response status(Host host, String bookingId, String status) {
            return api.patch(
                    "/api/bookings/" + bookingId + "/status",
                    host.key(),
                    Api.json(Map.of("status", status, "reason", "test")));
        }

        @Test
        void aReservationIsConfirmedThenCancelled() {
            Host host = openHost();
            String id = reserved(host, 20);

            Api.Response confirmed = status(host, id, "CONFIRMED");
            assertThat(confirmed.status()).isEqualTo(200);
            assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
            Api.Response cancelled = status(host, id, "CANCELLED");
            assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
            // the slot is free again
            assertThat(reserve(host, slot(20)).status()).isEqualTo(201);
        }

        @Test
        void forbiddenTransitionsAreInvalid() {
            Host host = openHost();
            String id = reserved(host, 20);
            assertProblem(status(host, id, "COMPLETED"), 409, "invalid-transition");
            assertProblem(status(host, id, "EXPIRED"), 409, "invalid-transition");
            status(host, id, "CONFIRMED");
            assertProblem(status(host, id, "CONFIRMED"), 409, "invalid-transition");
            assertProblem(status(host, id, "COMPLETED"), 409, "invalid-transition");
            status(host, id, "CANCELLED");
            assertProblem(status(host, id, "CONFIRMED"), 409, "invalid-transition");
            assertProblem(status(host, id, "CANCELLED"), 409, "invalid-transition");
        }

        @Test
        void anUnknownBookingIsNotFound() {
            Host host = openHost();
            assertProblem(status(host, UUID.randomUUID().toString(), "CONFIRMED"), 404, "booking-not-found");
            assertProblem(
                    api.post(
                            "/api/bookings/" + UUID.randomUUID() + "/reschedule",
                            host.key(),
                            Api.json(Map.of("start", slot(30).toString()))),
                    404,
                    "booking-not-found");
        }

        @Test
        void anotherHostsBookingIsForbidden() {
            Host host = openHost();
            Host other = openHost();
            assertProblem(status(other, reserved(host, 20), "CONFIRMED"), 403, "forbidden");
        }

        @Test
        void aRescheduleMovesTheBookingKeepingItsIdAndStatus() {
            Host host = openHost();
            String id = reserved(host, 20);
            status(host, id, "CONFIRMED");

            Api.Response moved = api.post(
                    "/api/bookings/" + id + "/reschedule", host.key(), Api.json(Map.of("start", slot(24).toString())));

            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            assertThat(moved.text("bookingId")).isEqualTo(id);
            assertThat(moved.text("status")).isEqualTo("CONFIRMED");
            assertThat(moved.text("start")).isEqualTo(slot(24).toString());
            assertThat(reserve(host, slot(20)).status())
                    .as("the old slot is free")
                    .isEqualTo(201);
            assertProblem(reserve(host, slot(24)), 409, "slot-unavailable");
        }

        @Test
        void aRescheduleToATakenSlotChangesNothing() {
            Host host = openHost();
            String id = reserved(host, 20);
            reserved(host, 24);

            assertProblem(
                    api.post(
                            "/api/bookings/" + id + "/reschedule",
                            host.key(),
                            Api.json(Map.of("start", slot(24).toString()))),
                    409,
                    "slot-unavailable");
            assertProblem(
                    api.post(
                            "/api/bookings/" + id + "/reschedule",
                            host.key(),
                            Api.json(Map.of("start", slot(24).plusSeconds(600).toString()))),
                    422,
                    "slot-not-offered");
            assertProblem(reserve(host, slot(20)), 409, "slot-unavailable");
            assertThat(eventCount("BookingRescheduled", id)).isZero();
        }
    }
}
