package dev.bookwise.calendar;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static Schedule monday(String zone, int slot, TimeRange... ranges) {
        return new Schedule(zone, slot, 0, 0, 0, 60, Map.of(DayOfWeek.MONDAY, List.of(ranges)), List.of());
    }

    private static void assertInvalid(Schedule schedule) {
        assertThatThrownBy(schedule::validate)
                .isInstanceOfSatisfying(
                        BookwiseException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code())
                                .isEqualTo(ErrorCode.INVALID_SCHEDULE));
    }

    @Test
    void aWellFormedScheduleIsValid() {
        assertThatCode(() -> monday(
                                "America/New_York",
                                30,
                                new TimeRange("09:00", "12:00"),
                                new TimeRange("12:00", "24:00"))
                        .validate())
                .doesNotThrowAnyException();
    }

    @Test
    void anEndAtOrBeforeTheStartIsInvalid() {
        assertInvalid(monday("UTC", 30, new TimeRange("09:00", "09:00")));
        assertInvalid(monday("UTC", 30, new TimeRange("10:00", "09:00")));
    }

    @Test
    void overlappingRangesInADayAreInvalid() {
        assertInvalid(monday("UTC", 30, new TimeRange("09:00", "12:00"), new TimeRange("11:00", "13:00")));
    }

    @Test
    void aNonPositiveSlotIsInvalid() {
        assertInvalid(monday("UTC", 0, new TimeRange("09:00", "12:00")));
        assertInvalid(monday("UTC", -30, new TimeRange("09:00", "12:00")));
    }

    @Test
    void anUnknownOrAbbreviatedZoneIsInvalid() {
        assertInvalid(monday("Mars/Olympus", 30));
        assertInvalid(monday("EST", 30));
        assertInvalid(monday("+05:00", 30));
    }

    @Test
    void malformedTimesAreInvalid() {
        assertInvalid(monday("UTC", 30, new TimeRange("9:00", "12:00")));
        assertInvalid(monday("UTC", 30, new TimeRange("09:60", "12:00")));
        assertInvalid(monday("UTC", 30, new TimeRange("24:00", "24:00")));
        assertInvalid(monday("UTC", 30, new TimeRange("09:00", "24:01")));
    }

    @Test
    void aDateOverriddenTwiceIsInvalid() {
        LocalDate day = LocalDate.parse("2024-12-24");
        assertInvalid(new Schedule(
                "UTC",
                30,
                0,
                0,
                0,
                60,
                Map.of(),
                List.of(new DateOverride(day, List.of()), new DateOverride(day, List.of()))));
    }

    @Test
    void negativeBuffersNoticeOrHorizonAreInvalid() {
        assertInvalid(new Schedule("UTC", 30, -1, 0, 0, 60, Map.of(), List.of()));
        assertInvalid(new Schedule("UTC", 30, 0, -1, 0, 60, Map.of(), List.of()));
        assertInvalid(new Schedule("UTC", 30, 0, 0, -1, 60, Map.of(), List.of()));
        assertInvalid(new Schedule("UTC", 30, 0, 0, 0, 0, Map.of(), List.of()));
    }
}
