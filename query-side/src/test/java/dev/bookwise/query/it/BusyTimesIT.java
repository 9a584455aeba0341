package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.BusyInterval;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.events.BusySourceConnected;
import dev.bookwise.events.BusySourceRemoved;
import dev.bookwise.events.EventTypeDefined;
import dev.bookwise.events.ExternalBusyTimesSynced;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.testsupport.Api;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Busy times of a host's own calendars are taken time in availability, for every kind of meeting. */
class BusyTimesIT extends QuerySideIT {

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3);

    private static Instant at(int hour, int minute) {
        return DAY.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    private static Schedule nineToFive() {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, List.of(new TimeRange("09:00", "17:00")));
        }
        return new Schedule("UTC", 60, 0, 0, 0, 30, weekly, List.of());
    }

    private List<Instant> starts(UUID host, UUID type, long position) {
        Api.Response response = api.get(
                "/api/availability?hostId=" + host + "&date=" + DAY + (type == null ? "" : "&eventTypeId=" + type)
                        + "&minPosition=" + position,
                null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Instant> starts = new ArrayList<>();
        response.json()
                .path("slots")
                .forEach(slot -> starts.add(Instant.parse(slot.path("start").asText())));
        return starts;
    }

    @Test
    void busyTimesAreHiddenFromEveryTypeUntilASyncOrTheSourcesRemovalFreesThem() {
        UUID host = UUID.randomUUID();
        UUID source = UUID.randomUUID();
        UUID typeId = UUID.randomUUID();
        EventType half = new EventType(
                typeId, "half", "Half hour", 30, 30, null, null, null, null, null, null, null, null, null, null, false);
        BusyInterval tenToEleven = new BusyInterval(at(10, 0), at(11, 0));
        BusyInterval oneThirtyToTwo = new BusyInterval(at(13, 30), at(14, 0));
        long position = append(
                host,
                new HostRegistered(host, "Ada", "ada@example.com", "UTC", keyDigest("bwk_" + UUID.randomUUID())),
                new ScheduleDefined(host, nineToFive()),
                new EventTypeDefined(host, half),
                new BusySourceConnected(host, source, "ics", "calendar.example.com"),
                new ExternalBusyTimesSynced(host, source, List.of(tenToEleven, oneThirtyToTwo), List.of()));

        assertThat(starts(host, null, position))
                .contains(at(9, 0), at(11, 0), at(14, 0))
                .doesNotContain(at(10, 0), at(13, 0));
        assertThat(starts(host, typeId, position))
                .contains(at(9, 30), at(11, 0), at(13, 0), at(14, 0))
                .doesNotContain(at(10, 0), at(10, 30), at(13, 30));

        position = append(host, new ExternalBusyTimesSynced(host, source, List.of(), List.of(tenToEleven)));
        assertThat(starts(host, typeId, position))
                .contains(at(10, 0), at(10, 30))
                .doesNotContain(at(13, 30));

        position = append(host, new BusySourceRemoved(host, source));
        assertThat(starts(host, typeId, position)).contains(at(13, 30));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM busy_time_view WHERE source_id = ?", Long.class, source))
                .isZero();
    }
}
