package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BookingCountsTest {

    private static final UUID CALL = UUID.fromString("00000000-0000-0000-0000-00000000ca11");
    private static final UUID CLASS = UUID.fromString("00000000-0000-0000-0000-00000000c1a5");
    // Monday 2024-03-11 to Sunday 2024-03-17
    private static final LocalDate MONDAY = LocalDate.parse("2024-03-11");
    private static final LocalDate SUNDAY = LocalDate.parse("2024-03-17");

    @Test
    void bookingsAreCountedPerTypeAndDate() {
        BookingCounts counts =
                BookingCounts.NONE.plus(CALL, MONDAY).plus(CALL, MONDAY).plus(CLASS, MONDAY);

        assertThat(counts.onDate(CALL, MONDAY)).isEqualTo(2);
        assertThat(counts.onDate(CLASS, MONDAY)).isEqualTo(1);
        assertThat(counts.onDate(CALL, MONDAY.plusDays(1))).isZero();
    }

    @Test
    void aWeekRunsFromMondayToSunday() {
        BookingCounts counts = BookingCounts.NONE
                .plus(CALL, MONDAY.minusDays(1))
                .plus(CALL, MONDAY)
                .plus(CALL, SUNDAY)
                .plus(CALL, SUNDAY.plusDays(1));

        assertThat(counts.inWeekOf(CALL, MONDAY.plusDays(3))).isEqualTo(2);
        assertThat(counts.inWeekOf(CALL, SUNDAY)).isEqualTo(2);
        assertThat(counts.inWeekOf(CALL, MONDAY.minusDays(1))).isEqualTo(1);
    }

    @Test
    void aCancelledBookingNoLongerCountsAndCountsNeverGoNegative() {
        BookingCounts counts =
                BookingCounts.NONE.plus(CALL, MONDAY).minus(CALL, MONDAY).minus(CALL, MONDAY);

        assertThat(counts.onDate(CALL, MONDAY)).isZero();
        assertThat(counts.perTypeAndDate()).isEmpty();
        assertThat(counts).isEqualTo(BookingCounts.NONE);
    }

    @Test
    void countingReturnsANewValueAndLeavesTheOldOneAlone() {
        BookingCounts before = BookingCounts.NONE.plus(CALL, MONDAY);

        BookingCounts after = before.plus(CALL, MONDAY);

        assertThat(before.onDate(CALL, MONDAY)).isEqualTo(1);
        assertThat(after.onDate(CALL, MONDAY)).isEqualTo(2);
    }

    @Test
    void datesBeforeADateCanBeForgotten() {
        BookingCounts counts =
                BookingCounts.NONE.plus(CALL, MONDAY).plus(CALL, SUNDAY).plus(CLASS, MONDAY.minusDays(1));

        BookingCounts kept = counts.withoutDatesBefore(SUNDAY);

        assertThat(kept.perTypeAndDate()).isEqualTo(Map.of(CALL, Map.of(SUNDAY, 1)));
    }

    @Test
    void aStoredMapIsReadBackWithoutZeroes() {
        BookingCounts counts = new BookingCounts(Map.of(CALL, Map.of(MONDAY, 2, SUNDAY, 0)));

        assertThat(counts.perTypeAndDate()).isEqualTo(Map.of(CALL, Map.of(MONDAY, 2)));
        assertThat(counts.inWeekOf(CALL, SUNDAY)).isEqualTo(2);
    }
}
