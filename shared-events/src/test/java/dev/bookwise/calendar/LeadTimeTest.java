package dev.bookwise.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeadTimeTest {

    private static final Instant NOW = Instant.parse("2024-03-11T06:00:00Z");
    private static final LeadTime TWO_HOURS_TO_TEN_DAYS = new LeadTime(120, 10);

    @Test
    void aStartFromTheNoticeUpToBeforeTheHorizonIsInTime() {
        assertThatCode(() -> TWO_HOURS_TO_TEN_DAYS.check(Instant.parse("2024-03-11T08:00:00Z"), NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> TWO_HOURS_TO_TEN_DAYS.check(Instant.parse("2024-03-21T05:59:00Z"), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void aStartInsideTheNoticeOrAtTheHorizonIsNotOffered() {
        assertThatThrownBy(() -> TWO_HOURS_TO_TEN_DAYS.check(Instant.parse("2024-03-11T07:59:00Z"), NOW))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SLOT_NOT_OFFERED));
        assertThatThrownBy(() -> TWO_HOURS_TO_TEN_DAYS.check(Instant.parse("2024-03-21T06:00:00Z"), NOW))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SLOT_NOT_OFFERED));
    }

    @Test
    void aRangeIsNarrowedToTheBookableStarts() {
        assertThat(TWO_HOURS_TO_TEN_DAYS.clamp(
                        Instant.parse("2024-03-11T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"), NOW))
                .contains(new Slot(Instant.parse("2024-03-11T08:00:00Z"), Instant.parse("2024-03-21T06:00:00Z")));
        assertThat(TWO_HOURS_TO_TEN_DAYS.clamp(
                        Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-11T08:00:00Z"), NOW))
                .isEmpty();
    }
}
