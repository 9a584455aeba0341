package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.PreviousVersionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Events are forever: a store written by the first version replays to the read models and answers it gave. */
@TestPropertySource(properties = "bookwise.test.context=previous-version")
class PreviousVersionStoreIT extends QuerySideIT {

    @Autowired
    DataSource dataSource;

    @Test
    void theFirstVersionsStoreReplaysToTheSameBookingsHistoriesAndCalendars() {
        PreviousVersionStore store = PreviousVersionStore.firstVersion();
        store.load(dataSource, List.of("domain_event_entry"));
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        JsonNode expected = store.expected();
        List<String> live = new ArrayList<>();
        for (JsonNode booking : expected.path("bookings")) {
            String id = booking.path("bookingId").asText();
            Api.Response read = api.get("/api/bookings/" + id + "?minPosition=" + head, ADMIN);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.header("X-Bookwise-Stale")).isNull();
            assertThat(read.text("status"))
                    .as(id)
                    .isEqualTo(booking.path("status").asText());
            assertThat(read.text("start"))
                    .as(id)
                    .isEqualTo(booking.path("start").asText());
            assertThat(read.text("end")).as(id).isEqualTo(booking.path("end").asText());
            assertThat(read.json().path("attendee").path("email").asText()).isEqualTo("bob@example.com");

            List<String> types = new ArrayList<>();
            api.get("/api/bookings/" + id + "/history", ADMIN)
                    .json()
                    .forEach(e -> types.add(e.path("type").asText()));
            List<String> expectedTypes = new ArrayList<>();
            booking.path("historyTypes").forEach(t -> expectedTypes.add(t.asText()));
            assertThat(types).as(id).isEqualTo(expectedTypes);
            if (List.of("RESERVED", "CONFIRMED").contains(booking.path("status").asText())) {
                live.add(id);
            }
        }
        String ada = expected.path("adaHostId").asText();
        String bea = expected.path("beaHostId").asText();
        List<String> calendar = new ArrayList<>();
        for (String host : List.of(ada, bea)) {
            Api.Response asOf = api.get("/api/hosts/" + host + "/history?asOf=2100-01-01T00:00:00Z", ADMIN);
            assertThat(asOf.status()).as(asOf.toString()).isEqualTo(200);
            asOf.json()
                    .path("bookings")
                    .forEach(b -> calendar.add(b.path("bookingId").asText()));
        }
        assertThat(calendar).containsExactlyInAnyOrderElementsOf(live);
        Api.Response adaSchedule = api.get("/api/hosts/" + ada + "/history?asOf=2100-01-01T00:00:00Z", ADMIN);
        assertThat(adaSchedule.json().path("schedule").path("timeZone").asText())
                .isEqualTo("America/New_York");
        assertThat(adaSchedule
                        .json()
                        .path("schedule")
                        .path("bufferBeforeMinutes")
                        .asInt())
                .isEqualTo(5);
        Api.Response beaWindows = api.get("/api/hosts/" + bea + "/history?asOf=2100-01-01T00:00:00Z", ADMIN);
        assertThat(beaWindows.json().path("windows")).hasSize(1);
        Api.Response list = api.get("/api/hosts/" + ada + "/bookings?limit=50", ADMIN);
        assertThat(list.json().path("items")).hasSize(4);
        assertThat(Map.of("count", list.json().path("items").size())).containsEntry("count", 4);
    }
}
