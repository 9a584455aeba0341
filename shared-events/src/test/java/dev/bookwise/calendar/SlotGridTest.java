package dev.bookwise.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotGridTest {

    private static Schedule everyDay(String zone, int slotMinutes, String start, String end) {
        Map<DayOfWeek, List<TimeRange>> weekly = new java.util.EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, List.of(new TimeRange(start, end)));
        }
        return new Schedule(zone, slotMinutes, 0, 0, 0, 60, weekly, List.of());
    }

    private static List<Instant> startsOn(SlotGrid grid, String fromUtc, String toUtc) {
        return grid.slotsStartingIn(Instant.parse(fromUtc), Instant.parse(toUtc)).stream()
                .map(Slot::start)
                .toList();
    }

    @Test
    void weeklyHoursBecomeInstantsInTheSchedulesZone() {
        SlotGrid grid = new SlotGrid(everyDay("America/New_York", 60, "09:00", "12:00"), List.of());

        assertThat(startsOn(grid, "2024-03-05T00:00:00Z", "2024-03-06T00:00:00Z"))
                .containsExactly(
                        Instant.parse("2024-03-05T14:00:00Z"),
                        Instant.parse("2024-03-05T15:00:00Z"),
                        Instant.parse("2024-03-05T16:00:00Z"));
    }

    @Test
    void theMissingHourOfASpringForwardDayOffersNothing() {
        SlotGrid grid = new SlotGrid(everyDay("America/New_York", 30, "01:00", "04:00"), List.of());

        // 2024-03-10: 02:00 EST jumps to 03:00 EDT
        assertThat(startsOn(grid, "2024-03-10T05:00:00Z", "2024-03-10T12:00:00Z"))
                .containsExactly(
                        Instant.parse("2024-03-10T06:00:00Z"), Instant.parse("2024-03-10T06:30:00Z"),
                        Instant.parse("2024-03-10T07:00:00Z"), Instant.parse("2024-03-10T07:30:00Z"));
    }

    @Test
    void theRepeatedHourOfAFallBackDayIsOfferedTwice() {
        SlotGrid grid = new SlotGrid(everyDay("America/New_York", 30, "00:00", "03:00"), List.of());

        // 2024-11-03: 02:00 EDT falls back to 01:00 EST; 01:30 happens at 05:30Z and at 06:30Z
        List<Instant> starts = startsOn(grid, "2024-11-03T04:00:00Z", "2024-11-03T12:00:00Z");
        assertThat(starts)
                .hasSize(8)
                .contains(Instant.parse("2024-11-03T05:30:00Z"), Instant.parse("2024-11-03T06:30:00Z"));
        assertThat(starts.get(0)).isEqualTo(Instant.parse("2024-11-03T04:00:00Z"));
        assertThat(starts.get(7)).isEqualTo(Instant.parse("2024-11-03T07:30:00Z"));
    }

    @Test
    void londonSpringForwardSkipsOneOClock() {
        SlotGrid grid = new SlotGrid(everyDay("Europe/London", 60, "00:00", "04:00"), List.of());

        // 2024-03-31: 01:00 GMT jumps to 02:00 BST
        assertThat(startsOn(grid, "2024-03-30T23:00:00Z", "2024-03-31T06:00:00Z"))
                .containsExactly(
                        Instant.parse("2024-03-31T00:00:00Z"),
                        Instant.parse("2024-03-31T01:00:00Z"),
                        Instant.parse("2024-03-31T02:00:00Z"));
    }

    @Test
    void kolkataHalfHourOffsetIsHonoured() {
        SlotGrid grid = new SlotGrid(everyDay("Asia/Kolkata", 60, "09:00", "11:00"), List.of());

        assertThat(startsOn(grid, "2024-03-10T00:00:00Z", "2024-03-11T00:00:00Z"))
                .containsExactly(Instant.parse("2024-03-10T03:30:00Z"), Instant.parse("2024-03-10T04:30:00Z"));
    }

    @Test
    void aRangeMayEndAtMidnight() {
        SlotGrid grid = new SlotGrid(everyDay("UTC", 60, "22:00", "24:00"), List.of());

        assertThat(startsOn(grid, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"))
                .containsExactly(Instant.parse("2024-01-01T22:00:00Z"), Instant.parse("2024-01-01T23:00:00Z"));
        assertThat(grid.slotAt(Instant.parse("2024-01-01T23:00:00Z")))
                .contains(new Slot(Instant.parse("2024-01-01T23:00:00Z"), Instant.parse("2024-01-02T00:00:00Z")));
    }

    @Test
    void aDateOverrideReplacesTheWeeklyHours() {
        Schedule weekly = everyDay("UTC", 60, "09:00", "11:00");
        Schedule schedule = new Schedule(
                "UTC",
                60,
                0,
                0,
                0,
                60,
                weekly.weeklyHours(),
                List.of(
                        new DateOverride(LocalDate.parse("2024-12-24"), List.of(new TimeRange("13:00", "14:00"))),
                        new DateOverride(LocalDate.parse("2024-12-25"), List.of())));
        SlotGrid grid = new SlotGrid(schedule, List.of());

        assertThat(startsOn(grid, "2024-12-24T00:00:00Z", "2024-12-26T00:00:00Z"))
                .containsExactly(Instant.parse("2024-12-24T13:00:00Z"));
    }

    @Test
    void aSlotMustFitInsideItsRange() {
        SlotGrid grid = new SlotGrid(everyDay("UTC", 45, "09:00", "10:00"), List.of());

        assertThat(startsOn(grid, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"))
                .containsExactly(Instant.parse("2024-01-01T09:00:00Z"));
        assertThat(grid.slotAt(Instant.parse("2024-01-01T09:45:00Z"))).isEmpty();
    }

    @Test
    void windowsAreCutFromTheirOwnStartWithTheirOwnDuration() {
        Schedule none = Schedule.initial("UTC");
        SlotGrid grid = new SlotGrid(
                none,
                List.of(new AvailabilityWindow(
                        Instant.parse("2025-01-01T10:10:00Z"), Instant.parse("2025-01-01T11:40:00Z"), 40)));

        assertThat(startsOn(grid, "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"))
                .containsExactly(Instant.parse("2025-01-01T10:10:00Z"), Instant.parse("2025-01-01T10:50:00Z"));
        assertThat(grid.slotAt(Instant.parse("2025-01-01T10:50:00Z")))
                .contains(new Slot(Instant.parse("2025-01-01T10:50:00Z"), Instant.parse("2025-01-01T11:30:00Z")));
        assertThat(grid.slotAt(Instant.parse("2025-01-01T10:30:00Z"))).isEmpty();
    }

    @Test
    void slotAtAgreesWithTheListedSlotsAcrossAFallBackDay() {
        SlotGrid grid = new SlotGrid(
                everyDay("Europe/London", 20, "00:00", "03:00"),
                List.of(new AvailabilityWindow(
                        Instant.parse("2024-10-27T05:00:00Z"), Instant.parse("2024-10-27T07:00:00Z"), 25)));
        Instant from = Instant.parse("2024-10-26T00:00:00Z");
        Instant to = Instant.parse("2024-10-28T00:00:00Z");
        List<Slot> listed = grid.slotsStartingIn(from, to);

        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(300)) {
            Instant start = t;
            assertThat(grid.slotAt(start))
                    .isEqualTo(
                            listed.stream().filter(s -> s.start().equals(start)).findFirst());
        }
    }

    @Test
    void slotsStartEveryIntervalAndLastTheirLength() {
        Schedule hours = everyDay("UTC", 30, "09:00", "11:00");
        SlotGrid grid = new SlotGrid(hours, Duration.ofMinutes(45), Duration.ofMinutes(15), List.of());

        // 45-minute slots every 15 minutes, the last one ending at 11:00
        assertThat(startsOn(grid, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"))
                .containsExactly(
                        Instant.parse("2024-01-01T09:00:00Z"),
                        Instant.parse("2024-01-01T09:15:00Z"),
                        Instant.parse("2024-01-01T09:30:00Z"),
                        Instant.parse("2024-01-01T09:45:00Z"),
                        Instant.parse("2024-01-01T10:00:00Z"),
                        Instant.parse("2024-01-01T10:15:00Z"));
        assertThat(grid.slotAt(Instant.parse("2024-01-01T09:15:00Z")))
                .contains(new Slot(Instant.parse("2024-01-01T09:15:00Z"), Instant.parse("2024-01-01T10:00:00Z")));
        assertThat(grid.slotAt(Instant.parse("2024-01-01T09:20:00Z"))).isEmpty();
        assertThat(grid.slotAt(Instant.parse("2024-01-01T10:30:00Z"))).isEmpty();
    }

    @Test
    void anIntervalLongerThanTheSlotLeavesGaps() {
        Schedule hours = everyDay("UTC", 30, "09:00", "11:00");
        SlotGrid grid = new SlotGrid(hours, Duration.ofMinutes(20), Duration.ofMinutes(45), List.of());

        assertThat(grid.slotsStartingIn(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z")))
                .containsExactly(
                        new Slot(Instant.parse("2024-01-01T09:00:00Z"), Instant.parse("2024-01-01T09:20:00Z")),
                        new Slot(Instant.parse("2024-01-01T09:45:00Z"), Instant.parse("2024-01-01T10:05:00Z")),
                        new Slot(Instant.parse("2024-01-01T10:30:00Z"), Instant.parse("2024-01-01T10:50:00Z")));
    }

    @Test
    void theIntervalCountsFromTheStartOfEachPieceAcrossAFallBack() {
        // 2024-11-03 in New York: 00:00-03:00 is four hours long; 01:00 EDT is 05:00Z, 01:00 EST 06:00Z
        SlotGrid grid = new SlotGrid(
                everyDay("America/New_York", 30, "00:00", "03:00"),
                Duration.ofMinutes(60),
                Duration.ofMinutes(40),
                List.of());
        Instant from = Instant.parse("2024-11-03T04:00:00Z");
        Instant to = Instant.parse("2024-11-03T08:00:00Z");

        assertThat(startsOn(grid, "2024-11-03T04:00:00Z", "2024-11-03T08:00:00Z"))
                .containsExactly(
                        Instant.parse("2024-11-03T04:00:00Z"),
                        Instant.parse("2024-11-03T04:40:00Z"),
                        Instant.parse("2024-11-03T05:20:00Z"),
                        Instant.parse("2024-11-03T06:00:00Z"),
                        Instant.parse("2024-11-03T06:40:00Z"));
        List<Slot> listed = grid.slotsStartingIn(from, to);
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(300)) {
            Instant start = t;
            assertThat(grid.slotAt(start))
                    .isEqualTo(
                            listed.stream().filter(s -> s.start().equals(start)).findFirst());
        }
    }

    @Test
    void theOneArgumentGridUsesTheSchedulesSlotForBoth() {
        Schedule schedule = everyDay("UTC", 30, "09:00", "10:00");
        SlotGrid grid = new SlotGrid(schedule, List.of());

        assertThat(grid.slotLength()).isEqualTo(Duration.ofMinutes(30));
        assertThat(grid.slotInterval()).isEqualTo(Duration.ofMinutes(30));
    }
}
