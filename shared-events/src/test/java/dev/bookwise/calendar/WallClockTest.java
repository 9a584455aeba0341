package dev.bookwise.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WallClockTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void aTimeInTheSpringForwardGapDoesNotExist() {
        assertThatThrownBy(() -> WallClock.resolve(LocalDateTime.parse("2024-03-10T02:30"), NEW_YORK, null))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NONEXISTENT_LOCAL_TIME));
        assertThatThrownBy(
                        () -> WallClock.resolve(LocalDateTime.parse("2024-03-31T01:30"), LONDON, ZoneOffset.ofHours(1)))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NONEXISTENT_LOCAL_TIME));
    }

    @Test
    void aTimeInTheFallBackOverlapNeedsAnOffset() {
        assertThatThrownBy(() -> WallClock.resolve(LocalDateTime.parse("2024-11-03T01:30"), NEW_YORK, null))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_LOCAL_TIME));
        assertThatThrownBy(() -> WallClock.resolve(LocalDateTime.parse("2024-10-27T01:30"), LONDON, null))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_LOCAL_TIME));
    }

    @Test
    void theOffsetPicksOneSideOfTheOverlap() {
        LocalDateTime local = LocalDateTime.parse("2024-11-03T01:30");
        assertThat(WallClock.resolve(local, NEW_YORK, ZoneOffset.ofHours(-4)))
                .isEqualTo(Instant.parse("2024-11-03T05:30:00Z"));
        assertThat(WallClock.resolve(local, NEW_YORK, ZoneOffset.ofHours(-5)))
                .isEqualTo(Instant.parse("2024-11-03T06:30:00Z"));
    }

    @Test
    void anOffsetThatDoesNotApplyIsRefused() {
        assertThatThrownBy(() ->
                        WallClock.resolve(LocalDateTime.parse("2024-07-01T10:00"), NEW_YORK, ZoneOffset.ofHours(-5)))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void anOrdinaryTimeResolvesToItsOnlyInstant() {
        assertThat(WallClock.resolve(LocalDateTime.parse("2024-03-11T09:00"), NEW_YORK, null))
                .isEqualTo(Instant.parse("2024-03-11T13:00:00Z"));
    }
}
