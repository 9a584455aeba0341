package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BookingLimitPolicyTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    // two a day, three a week
    private static final EventType CALL = EventTypeDraft.intro(t -> t.limits = new BookingLimits(2, 3));
    // Monday 2024-03-11 in New York (EDT, UTC-4)
    private static final LocalDate MONDAY = LocalDate.parse("2024-03-11");

    private static void assertLimitReached(Runnable check, String naming) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(BookwiseException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BOOKING_LIMIT_REACHED);
            assertThat(e.detail()).contains(naming);
        });
    }

    @Test
    void aBookingCountsOnTheLocalDateOfItsStartInTheSchedulesZone() {
        BookingLimitPolicy policy = new BookingLimitPolicy(CALL, NEW_YORK, BookingCounts.NONE);

        // 02:30Z on Tuesday is still Monday evening in New York
        assertThat(policy.countedOn(Instant.parse("2024-03-12T02:30:00Z"))).isEqualTo(MONDAY);
        assertThat(policy.countedOn(Instant.parse("2024-03-12T04:00:00Z"))).isEqualTo(MONDAY.plusDays(1));
    }

    @Test
    void aDayAtItsLimitTakesNoMore() {
        BookingCounts counts = BookingCounts.NONE.plus(CALL.id(), MONDAY).plus(CALL.id(), MONDAY);
        BookingLimitPolicy policy = new BookingLimitPolicy(CALL, NEW_YORK, counts);

        assertThat(policy.remaining(Instant.parse("2024-03-11T20:00:00Z"), null))
                .isZero();
        assertLimitReached(() -> policy.check(Instant.parse("2024-03-11T20:00:00Z"), null), "2 bookings on 2024-03-11");
        assertThat(policy.remaining(Instant.parse("2024-03-12T20:00:00Z"), null))
                .isEqualTo(1);
    }

    @Test
    void aWeekAtItsLimitTakesNoMoreOnAnyOfItsDays() {
        BookingCounts counts = BookingCounts.NONE
                .plus(CALL.id(), MONDAY)
                .plus(CALL.id(), MONDAY.plusDays(2))
                .plus(CALL.id(), MONDAY.plusDays(6));
        BookingLimitPolicy policy = new BookingLimitPolicy(CALL, NEW_YORK, counts);

        assertThat(policy.remaining(Instant.parse("2024-03-14T15:00:00Z"), null))
                .isZero();
        assertLimitReached(
                () -> policy.check(Instant.parse("2024-03-14T15:00:00Z"), null),
                "3 bookings in the week of 2024-03-11");
        // the next Monday starts a new week
        assertThat(policy.remaining(Instant.parse("2024-03-18T15:00:00Z"), null))
                .isEqualTo(2);
    }

    @Test
    void aMoveWithinTheSameDayOrWeekGivesUpItsOwnCount() {
        BookingCounts counts = BookingCounts.NONE
                .plus(CALL.id(), MONDAY)
                .plus(CALL.id(), MONDAY)
                .plus(CALL.id(), MONDAY.plusDays(1));
        BookingLimitPolicy policy = new BookingLimitPolicy(CALL, NEW_YORK, counts);
        Instant mondayBooking = Instant.parse("2024-03-11T14:00:00Z");

        assertThatCode(() -> policy.check(Instant.parse("2024-03-11T18:00:00Z"), mondayBooking))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.check(Instant.parse("2024-03-13T18:00:00Z"), mondayBooking))
                .doesNotThrowAnyException();
        assertLimitReached(() -> policy.check(Instant.parse("2024-03-13T18:00:00Z"), null), "week");
    }

    @Test
    void aTypeWithoutLimitsIsNeverLimited() {
        EventType unlimited = EventTypeDraft.intro(t -> t.limits = BookingLimits.NONE);
        BookingCounts counts = BookingCounts.NONE.plus(unlimited.id(), MONDAY).plus(unlimited.id(), MONDAY);

        assertThat(new BookingLimitPolicy(unlimited, NEW_YORK, counts)
                        .remaining(Instant.parse("2024-03-11T20:00:00Z"), null))
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void onlyTheTypesOwnBookingsCount() {
        EventType other = EventTypeDraft.intro(t -> t.id = java.util.UUID.randomUUID());
        BookingCounts counts = BookingCounts.NONE.plus(other.id(), MONDAY).plus(other.id(), MONDAY);

        assertThat(new BookingLimitPolicy(CALL, NEW_YORK, counts)
                        .remaining(Instant.parse("2024-03-11T20:00:00Z"), null))
                .isEqualTo(2);
    }
}
