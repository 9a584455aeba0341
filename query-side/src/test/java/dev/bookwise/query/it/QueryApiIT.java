package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Occupancy;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.SlotGrid;
import dev.bookwise.calendar.SlotOffer;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.testsupport.Api;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QueryApiIT extends QuerySideIT {

    private static final Attendee BOB = new Attendee("Bob", "bob@example.com", "Europe/Paris");

    record Host(UUID id, String key, long position) {}

    private Host host(String zone) {
        UUID id = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        long position = append(id, new HostRegistered(id, "Ada", "ada@example.com", zone, keyDigest(key)));
        return new Host(id, key, position);
    }

    private static Schedule everyDay(
            String zone, int slot, int before, int after, int notice, int horizon, String start, String end) {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, List.of(new TimeRange(start, end)));
        }
        return new Schedule(zone, slot, before, after, notice, horizon, weekly, List.of());
    }

    private static BookingReserved reserved(
            UUID host, UUID booking, Instant start, int minutes, int before, int after) {
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(Duration.ofMinutes(minutes)),
                before,
                after,
                BOB,
                Instant.now().plus(Duration.ofMinutes(10)),
                "deadline");
    }

    private Api.Response availability(Host host, String query, long position) {
        return api.get("/api/availability?hostId=" + host.id() + "&" + query + "&minPosition=" + position, null);
    }

    private static List<Instant> starts(Api.Response response) {
        List<Instant> starts = new ArrayList<>();
        response.json()
                .path("slots")
                .forEach(slot -> starts.add(Instant.parse(slot.path("start").asText())));
        return starts;
    }

    private static List<String> localStarts(Api.Response response) {
        List<String> starts = new ArrayList<>();
        response.json()
                .path("slots")
                .forEach(slot -> starts.add(slot.path("localStart").asText()));
        return starts;
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
    }

    @Nested
    class Availability {

        @Test
        void slotsAreTheOfferedStartsMinusLiveBookingsWithTheirBuffers() {
            Host host = host("America/New_York");
            Schedule schedule = everyDay("America/New_York", 30, 10, 5, 60, 30, "09:00", "17:00");
            LocalDate day = LocalDate.now(ZoneId.of("America/New_York")).plusDays(3);
            Instant nine =
                    day.atTime(9, 0).atZone(ZoneId.of("America/New_York")).toInstant();
            AvailabilityWindow window =
                    new AvailabilityWindow(nine.plus(Duration.ofHours(10)), nine.plus(Duration.ofHours(12)), 45);
            UUID kept = UUID.randomUUID();
            UUID cancelled = UUID.randomUUID();
            long position = append(
                    host.id(),
                    new ScheduleDefined(host.id(), schedule),
                    new AvailabilityWindowMerged(host.id(), window, window, List.of()),
                    reserved(host.id(), kept, nine.plus(Duration.ofHours(2)), 30, 10, 5),
                    reserved(host.id(), cancelled, nine.plus(Duration.ofHours(4)), 30, 10, 5),
                    new BookingCancelled(cancelled, host.id(), null));

            Api.Response response = availability(host, "from=" + day.minusDays(1) + "&to=" + day.plusDays(6), position);

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.header("X-Bookwise-Stale")).isNull();
            List<Instant> starts = starts(response);
            // 11:00 is booked; 10:30 and 11:30 would overlap its buffers (10:50-11:35)
            assertThat(starts)
                    .doesNotContain(
                            nine.plus(Duration.ofMinutes(90)),
                            nine.plus(Duration.ofHours(2)),
                            nine.plus(Duration.ofMinutes(150)));
            assertThat(starts)
                    .contains(
                            nine,
                            nine.plus(Duration.ofHours(4)),
                            nine.plus(Duration.ofMinutes(180)),
                            window.startTime().plus(Duration.ofMinutes(45)));
            assertThat(starts).isSorted();

            Occupancy occupancy = new Occupancy();
            occupancy.add(kept, nine.plus(Duration.ofMinutes(110)), nine.plus(Duration.ofMinutes(155)));
            SlotOffer offer = new SlotOffer(new SlotGrid(schedule, List.of(window)), occupancy);
            Instant from =
                    day.minusDays(1).atStartOfDay(ZoneId.of("America/New_York")).toInstant();
            Instant to =
                    day.plusDays(7).atStartOfDay(ZoneId.of("America/New_York")).toInstant();
            Instant now = Instant.now();
            List<Instant> accepted = new ArrayList<>();
            for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(5))) {
                try {
                    offer.check(t, now.plusSeconds(60), null);
                    accepted.add(t);
                } catch (RuntimeException notOffered) {
                    // not a start the calendar accepts
                }
            }
            // the minute between `now` here and the server's `now` may only cost the earliest slot
            assertThat(starts).containsAll(accepted);
            assertThat(starts.size() - accepted.size()).isBetween(0, 1);
        }

        @Test
        void aFallBackDayOffersBothOccurrencesOfTheRepeatedHourInNewYork() {
            String zone = "America/New_York";
            ZoneOffsetTransition overlap = next(zone, false);
            Host host = host(zone);
            long position = append(
                    host.id(), new ScheduleDefined(host.id(), everyDay(zone, 30, 0, 0, 0, 1000, "00:00", "03:00")));
            LocalDate day = overlap.getDateTimeBefore().toLocalDate();

            List<String> local = localStarts(availability(host, "date=" + day, position));

            String d = day.toString();
            assertThat(local)
                    .containsExactly(
                            d + "T00:00:00-04:00",
                            d + "T00:30:00-04:00",
                            d + "T01:00:00-04:00",
                            d + "T01:30:00-04:00",
                            d + "T01:00:00-05:00",
                            d + "T01:30:00-05:00",
                            d + "T02:00:00-05:00",
                            d + "T02:30:00-05:00");
        }

        @Test
        void aSpringForwardDayOffersNothingInTheMissingHourInLondon() {
            String zone = "Europe/London";
            ZoneOffsetTransition gap = next(zone, true);
            Host host = host(zone);
            long position = append(
                    host.id(), new ScheduleDefined(host.id(), everyDay(zone, 30, 0, 0, 0, 1000, "00:00", "03:00")));
            LocalDate day = gap.getDateTimeBefore().toLocalDate();

            List<String> local = localStarts(availability(host, "date=" + day, position));

            String d = day.toString();
            assertThat(local)
                    .containsExactly(d + "T00:00:00Z", d + "T00:30:00Z", d + "T02:00:00+01:00", d + "T02:30:00+01:00");
        }

        @Test
        void kolkataSlotsCarryTheHalfHourOffsetAndAnotherTimezoneShiftsTheDay() {
            Host host = host("Asia/Kolkata");
            long position = append(
                    host.id(),
                    new ScheduleDefined(host.id(), everyDay("Asia/Kolkata", 60, 0, 0, 0, 60, "01:00", "03:00")));
            LocalDate day = LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(5);

            Api.Response own = availability(host, "date=" + day, position);
            assertThat(own.text("timezone")).isEqualTo("Asia/Kolkata");
            assertThat(localStarts(own)).containsExactly(day + "T01:00:00+05:30", day + "T02:00:00+05:30");
            assertThat(starts(own).get(0))
                    .isEqualTo(day.minusDays(1).atTime(19, 30).toInstant(java.time.ZoneOffset.UTC));

            // 01:00 and 02:00 in Kolkata are the previous day in UTC
            Api.Response utc = availability(host, "date=" + day.minusDays(1) + "&timezone=UTC", position);
            assertThat(localStarts(utc))
                    .containsExactly(day.minusDays(1) + "T19:30:00Z", day.minusDays(1) + "T20:30:00Z");
        }

        @Test
        void badInputIsRefused() {
            Host host = host("UTC");
            long position = append(
                    host.id(), new ScheduleDefined(host.id(), everyDay("UTC", 30, 0, 0, 0, 60, "09:00", "17:00")));
            assertProblem(
                    api.get("/api/availability?hostId=" + host.id() + "&date=2024-13-01", null),
                    400,
                    "invalid-request");
            assertProblem(
                    api.get("/api/availability?hostId=" + host.id() + "&date=2024-03-10&timezone=Mars/Base", null),
                    400,
                    "invalid-request");
            assertProblem(api.get("/api/availability?hostId=" + host.id(), null), 400, "invalid-request");
            assertProblem(api.get("/api/availability?hostId=nope&date=2024-03-10", null), 400, "invalid-request");
            assertProblem(
                    api.get("/api/availability?hostId=" + host.id() + "&from=2024-03-01&to=2024-05-02", null),
                    400,
                    "invalid-range");
            assertProblem(
                    api.get("/api/availability?hostId=" + host.id() + "&from=2024-03-10&to=2024-03-01", null),
                    400,
                    "invalid-range");
            assertThat(availability(host, "from=2024-03-01&to=2024-05-01", position)
                            .status())
                    .isEqualTo(200);
            assertProblem(
                    api.get("/api/availability?hostId=" + UUID.randomUUID() + "&date=2024-03-10", null),
                    404,
                    "host-not-found");
        }

        private ZoneOffsetTransition next(String zone, boolean gap) {
            ZoneOffsetTransition transition =
                    ZoneId.of(zone).getRules().nextTransition(Instant.now().plus(3, ChronoUnit.DAYS));
            while (transition.isGap() != gap) {
                transition = ZoneId.of(zone).getRules().nextTransition(transition.getInstant());
            }
            return transition;
        }
    }

    @Nested
    class Bookings {

        @Test
        void aBookingIsReadByItsHostAndTheAdminOnly() {
            Host host = host("UTC");
            Host other = host("UTC");
            UUID booking = UUID.randomUUID();
            Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
            long position = append(
                    host.id(),
                    reserved(host.id(), booking, start, 30, 0, 0),
                    new BookingConfirmed(booking, host.id(), "ok"));

            Api.Response read = api.get("/api/bookings/" + booking + "?minPosition=" + position, host.key());
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.text("status")).isEqualTo("CONFIRMED");
            assertThat(read.text("start")).isEqualTo(start.toString());
            assertThat(read.json().path("expiresAt").isNull()).isTrue();
            assertThat(read.json().path("attendee").path("name").asText()).isEqualTo("Bob");
            assertThat(api.get("/api/bookings/" + booking, ADMIN).status()).isEqualTo(200);

            assertProblem(
                    api.get("/api/bookings/" + booking + "?minPosition=" + other.position(), other.key()),
                    403,
                    "forbidden");
            assertProblem(api.get("/api/bookings/" + booking, null), 401, "unauthenticated");
            assertProblem(api.get("/api/bookings/" + UUID.randomUUID(), ADMIN), 404, "booking-not-found");
        }

        @Test
        void textPostgresCannotStoreNeverStopsTheProjection() {
            UUID id = UUID.randomUUID();
            String key = "bwk_" + UUID.randomUUID();
            long position =
                    append(id, new HostRegistered(id, "Zo\u0000e", "z\u0000@example.com", "UTC", keyDigest(key)));
            Host later = host("UTC");

            Api.Response response =
                    api.get("/api/hosts/" + id + "/bookings?minPosition=" + Math.max(position, later.position()), key);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.header("X-Bookwise-Stale")).isNull();
            assertThat(api.get("/api/hosts/" + later.id() + "/bookings", later.key())
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void aHostsBookingsArePagedAndFiltered() {
            Host host = host("UTC");
            Instant base = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS);
            List<Object> events = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                events.add(reserved(host.id(), id, base.plus(Duration.ofHours(i)), 30, 0, 0));
            }
            events.add(new BookingCancelled(ids.get(1), host.id(), "no"));
            long position = append(host.id(), events.toArray());
            String path = "/api/hosts/" + host.id() + "/bookings?minPosition=" + position;

            Api.Response first = api.get(path + "&limit=2", host.key());
            assertThat(first.json().path("items")).hasSize(2);
            assertThat(first.json().path("items").get(0).path("bookingId").asText())
                    .isEqualTo(ids.get(0).toString());
            Api.Response second = api.get(path + "&limit=2&cursor=" + first.text("next"), host.key());
            assertThat(second.json().path("items").get(0).path("bookingId").asText())
                    .isEqualTo(ids.get(2).toString());
            Api.Response third = api.get(path + "&limit=2&cursor=" + second.text("next"), host.key());
            assertThat(third.json().path("items")).hasSize(1);
            assertThat(third.json().path("next").isNull()).isTrue();

            Api.Response cancelled = api.get(path + "&status=CANCELLED", host.key());
            assertThat(cancelled.json().path("items")).hasSize(1);
            Api.Response window = api.get(
                    path + "&from=" + base.plus(Duration.ofHours(1)) + "&to=" + base.plus(Duration.ofHours(3))
                            + "&status=RESERVED,CONFIRMED",
                    host.key());
            assertThat(window.json().path("items"))
                    .extracting(item -> item.path("bookingId").asText())
                    .containsExactly(ids.get(2).toString());

            assertProblem(api.get(path + "&status=LOST", host.key()), 400, "invalid-request");
            assertProblem(api.get(path + "&from=yesterday", host.key()), 400, "invalid-request");
            assertProblem(api.get(path + "&cursor=garbage", host.key()), 400, "invalid-request");
            assertProblem(api.get("/api/hosts/" + UUID.randomUUID() + "/bookings", ADMIN), 404, "host-not-found");
            // another host's key, once its registration is read: 403 (before that it is unknown: 401)
            Host other = host("UTC");
            assertProblem(
                    api.get("/api/hosts/" + host.id() + "/bookings?minPosition=" + other.position(), other.key()),
                    403,
                    "forbidden");
            assertProblem(
                    api.get("/api/hosts/" + host.id() + "/bookings", "bwk_" + UUID.randomUUID()),
                    401,
                    "unauthenticated");
        }

        @Test
        void aPositionPastTheStoreWaitsOnlyForTheStoreAndIsMarkedStale() {
            // asked right after the host was registered: the read still sees the host (the store's
            // last event when the read came in), but not the position no write has returned
            Host host = host("UTC");
            long started = System.nanoTime();
            Api.Response response = api.get(
                    "/api/hosts/" + host.id() + "/bookings?minPosition=" + (host.position() + 1_000_000), ADMIN);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Bookwise-Stale")).isEqualTo("true");
            // no wait for the position itself (the configured wait is 5 s)
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertProblem(
                    api.get("/api/bookings/" + UUID.randomUUID() + "?minPosition=-1", ADMIN), 400, "invalid-request");
        }
    }

    @Nested
    class Audit {

        @Test
        void aBookingsHistoryIsItsEventsInOrder() {
            Host host = host("UTC");
            UUID booking = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
            long position = append(
                    host.id(),
                    reserved(host.id(), booking, start, 30, 0, 0),
                    reserved(host.id(), other, start.plus(Duration.ofHours(2)), 30, 0, 0),
                    new BookingRescheduled(
                            booking,
                            host.id(),
                            start,
                            start.plus(Duration.ofMinutes(30)),
                            start.plus(Duration.ofHours(1)),
                            start.plus(Duration.ofMinutes(90)),
                            0,
                            0),
                    new BookingConfirmed(booking, host.id(), null));

            Api.Response history = api.get("/api/bookings/" + booking + "/history?minPosition=" + position, host.key());

            assertThat(history.status()).as(history.toString()).isEqualTo(200);
            JsonNode entries = history.json();
            assertThat(entries)
                    .extracting(e -> e.path("type").asText())
                    .containsExactly("BookingReserved", "BookingRescheduled", "BookingConfirmed");
            assertThat(entries).extracting(e -> e.path("sequence").asLong()).isSorted();
            assertThat(entries.get(0).path("data").path("start").asText()).isEqualTo(start.toString());
            assertThat(entries.get(0).path("data").has("expiryDeadlineId")).isFalse();
            assertThat(Instant.parse(entries.get(0).path("occurredAt").asText()))
                    .isBeforeOrEqualTo(Instant.now());
        }

        @Test
        void aHostsCalendarIsRebuiltAsOfAnInstant() throws Exception {
            Host host = host("UTC");
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
            append(
                    host.id(),
                    new ScheduleDefined(host.id(), everyDay("UTC", 30, 0, 0, 0, 60, "09:00", "17:00")),
                    reserved(host.id(), first, start, 30, 0, 0));
            Instant between = Instant.now();
            Thread.sleep(5); // event timestamps are the wall clock: make sure the next ones are later than `between`
            long position = append(
                    host.id(),
                    new BookingCancelled(first, host.id(), null),
                    reserved(host.id(), second, start.plus(Duration.ofHours(1)), 30, 0, 0));

            Api.Response then = api.get(
                    "/api/hosts/" + host.id() + "/history?asOf=" + between + "&minPosition=" + position, host.key());
            assertThat(then.status()).as(then.toString()).isEqualTo(200);
            assertThat(then.json().path("schedule").path("slotMinutes").asInt()).isEqualTo(30);
            assertThat(then.json().path("bookings"))
                    .extracting(b -> b.path("bookingId").asText())
                    .containsExactly(first.toString());

            Api.Response now = api.get("/api/hosts/" + host.id() + "/history", host.key());
            assertThat(now.json().path("bookings"))
                    .extracting(b -> b.path("bookingId").asText())
                    .containsExactly(second.toString());

            assertProblem(
                    api.get("/api/hosts/" + host.id() + "/history?asOf=noon", host.key()), 400, "invalid-request");
            assertProblem(api.get("/api/hosts/" + UUID.randomUUID() + "/history", ADMIN), 404, "host-not-found");
        }
    }
}
