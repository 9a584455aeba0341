package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.DateOverride;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 45- and 90-minute event types on a 15-minute interval across daylight-saving transitions,
 * including Lord Howe's 30-minute one: the hours 00:00-04:00 of the transition day are as long as
 * the day makes them, every slot lasts the type's duration, starts are 15 minutes apart from the
 * range's start, and each is accepted.
 */
class EventTypeDstTest {

    @ParameterizedTest(name = "{0} on {1}: {2} minutes of hours, {3} x 45 min, {4} x 90 min")
    @CsvSource({
        // spring forward: the day's 00:00-04:00 is an hour (or half an hour) short
        "America/New_York, 2024-03-10, 180, 10, 7",
        "Europe/London, 2024-03-31, 180, 10, 7",
        "Australia/Lord_Howe, 2024-10-06, 210, 12, 9",
        // fall back: an hour (or half an hour) longer
        "America/New_York, 2024-11-03, 300, 18, 15",
        "Europe/London, 2024-10-27, 300, 18, 15",
        "Australia/Lord_Howe, 2024-04-07, 270, 16, 13",
    })
    void typesOnAQuarterHourGridAcrossTheTransition(
            String zone, LocalDate day, int minutesOfHours, int fortyFives, int nineties) {
        Schedule hours = new Schedule(
                zone,
                30,
                0,
                0,
                0,
                60,
                Map.of(),
                List.of(new DateOverride(day, List.of(new TimeRange("00:00", "04:00")))));
        Instant opens = day.atStartOfDay(ZoneId.of(zone)).toInstant();
        Instant closes = opens.plus(Duration.ofMinutes(minutesOfHours));
        Instant now = opens.minus(Duration.ofDays(1));
        for (int[] expected : new int[][] {{45, fortyFives}, {90, nineties}}) {
            EventType type = new EventType(
                    UUID.randomUUID(),
                    "t" + expected[0],
                    "T",
                    expected[0],
                    15,
                    null,
                    0,
                    0,
                    0,
                    60,
                    1,
                    null,
                    null,
                    0,
                    0,
                    false);
            EventTypeOffer offer = new EventTypeOffer(type, hours, List.of(), new LiveBookings(), BookingCounts.NONE);
            List<OfferedSlot> slots =
                    offer.available(opens.minus(Duration.ofHours(2)), closes.plus(Duration.ofHours(2)), now);
            assertThat(slots).as("%d-minute slots", expected[0]).hasSize(expected[1]);
            for (int i = 0; i < slots.size(); i++) {
                OfferedSlot slot = slots.get(i);
                assertThat(slot.start()).isEqualTo(opens.plus(Duration.ofMinutes(15L * i)));
                assertThat(Duration.between(slot.start(), slot.end())).isEqualTo(Duration.ofMinutes(expected[0]));
                assertThat(slot.end()).isBeforeOrEqualTo(closes);
                assertThat(offer.check(slot.start(), now, null).start()).isEqualTo(slot.start());
            }
        }
    }
}
