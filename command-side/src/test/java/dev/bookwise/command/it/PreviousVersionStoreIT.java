package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.PreviousVersionStore;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Events are forever: calendars written by the first version take commands under this one. */
@TestPropertySource(properties = "bookwise.test.context=previous-version")
class PreviousVersionStoreIT extends CommandSideIT {

    @Autowired
    DataSource dataSource;

    @Test
    void calendarsOfTheFirstVersionAreLoadedFromTheirEventsAndDecideAsBefore() {
        PreviousVersionStore store = PreviousVersionStore.firstVersion();
        store.load(dataSource, List.of("domain_event_entry", "host_credential", "booking_directory"));
        JsonNode expected = store.expected();
        String ada = expected.path("adaHostId").asText();
        JsonNode confirmed = expected.path("bookings").get(0);
        assertThat(confirmed.path("status").asText()).isEqualTo("CONFIRMED");

        // the slot of a confirmed booking of the old store is still taken; a free one is offered
        Api.Response taken = api.post(
                "/api/bookings",
                ADMIN,
                "{\"hostId\":\"" + ada + "\",\"start\":\""
                        + confirmed.path("start").asText()
                        + "\",\"attendee\":{\"name\":\"Cy\",\"email\":\"cy@example.com\",\"timeZone\":\"UTC\"}}");
        if (java.time.Instant.parse(confirmed.path("start").asText()).isAfter(java.time.Instant.now())) {
            assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        }
        LocalDate day = LocalDate.now(ZoneId.of("America/New_York")).plusDays(3);
        Api.Response booked = api.post(
                "/api/bookings",
                ADMIN,
                "{\"hostId\":\"" + ada + "\",\"localStart\":\"" + day + "T09:30\",\"timeZone\":\"America/New_York\","
                        + "\"attendee\":{\"name\":\"Cy\",\"email\":\"cy@example.com\",\"timeZone\":\"UTC\"}}");
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        // the old schedule's buffers (5 min each side) still apply to new bookings
        assertThat(booked.text("end")).isNotBlank();

        // bookings of the old store change state as before
        Api.Response cancel = api.patch(
                "/api/bookings/" + confirmed.path("bookingId").asText() + "/status",
                ADMIN,
                "{\"status\":\"CANCELLED\",\"reason\":\"moved\"}");
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        Api.Response again = api.patch(
                "/api/bookings/"
                        + expected.path("bookings").get(3).path("bookingId").asText() + "/status",
                ADMIN,
                "{\"status\":\"CONFIRMED\"}");
        assertThat(again.status())
                .as("an expired booking of the old store cannot be confirmed")
                .isEqualTo(409);

        // a host of the old store uses what came after it: a named schedule, an event type with seats
        // and a question, a booking of it with a manage token, the attendee cancelling with it
        Api.Response evenings = api.post(
                "/api/hosts/" + ada + "/schedules",
                ADMIN,
                "{\"name\":\"Evenings\",\"timeZone\":\"America/New_York\",\"weeklyHours\":{"
                        + "\"MONDAY\":[{\"start\":\"18:00\",\"end\":\"21:00\"}],"
                        + "\"TUESDAY\":[{\"start\":\"18:00\",\"end\":\"21:00\"}],"
                        + "\"WEDNESDAY\":[{\"start\":\"18:00\",\"end\":\"21:00\"}],"
                        + "\"THURSDAY\":[{\"start\":\"18:00\",\"end\":\"21:00\"}],"
                        + "\"FRIDAY\":[{\"start\":\"18:00\",\"end\":\"21:00\"}],"
                        + "\"SATURDAY\":[{\"start\":\"18:00\",\"end\":\"21:00\"}],"
                        + "\"SUNDAY\":[{\"start\":\"18:00\",\"end\":\"21:00\"}]}}");
        assertThat(evenings.status()).as(evenings.toString()).isEqualTo(201);
        Api.Response classType = api.post(
                "/api/hosts/" + ada + "/event-types",
                ADMIN,
                "{\"slug\":\"class\",\"title\":\"Class\",\"durationMinutes\":60,\"seats\":3,"
                        + "\"scheduleId\":\"" + evenings.text("scheduleId") + "\","
                        + "\"questions\":[{\"id\":\"level\",\"label\":\"Level\",\"type\":\"select\","
                        + "\"options\":[\"new\",\"old\"],\"required\":true}]}");
        assertThat(classType.status()).as(classType.toString()).isEqualTo(201);
        Api.Response seat = api.post(
                "/api/bookings",
                ADMIN,
                "{\"hostId\":\"" + ada + "\",\"eventTypeId\":\"" + classType.text("eventTypeId") + "\","
                        + "\"localStart\":\"" + day + "T18:00\",\"timeZone\":\"America/New_York\","
                        + "\"answers\":{\"level\":\"new\"},"
                        + "\"attendee\":{\"name\":\"Di\",\"email\":\"di@example.com\",\"timeZone\":\"UTC\"}}");
        assertThat(seat.status()).as(seat.toString()).isEqualTo(201);
        Api.Response attendeeCancel =
                api.post("/api/bookings/" + seat.text("bookingId") + "/cancel", seat.text("manageToken"), "{}");
        assertThat(attendeeCancel.status()).as(attendeeCancel.toString()).isEqualTo(200);

        // and the host's key of the old store still authenticates it (its digest came from the old events)
        int sequence = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class,
                ada);
        assertThat(sequence).isGreaterThanOrEqualTo(10);
    }
}
