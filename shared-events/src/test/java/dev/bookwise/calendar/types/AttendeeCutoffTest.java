package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttendeeCutoffTest {

    private static final EventType DAY_TO_CANCEL_HOUR_TO_MOVE = new EventType(
            UUID.randomUUID(),
            "call",
            "Call",
            30,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            1440,
            60,
            false);
    private static final Instant START = Instant.parse("2024-03-12T10:00:00Z");

    @Test
    void anAttendeeMayCancelUpToTheNoticeBeforeTheStart() {
        assertThatCode(() -> AttendeeCutoff.checkCancel(
                        DAY_TO_CANCEL_HOUR_TO_MOVE, START, Instant.parse("2024-03-11T10:00:00Z")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> AttendeeCutoff.checkCancel(
                        DAY_TO_CANCEL_HOUR_TO_MOVE, START, Instant.parse("2024-03-11T10:00:01Z")))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CUTOFF_PASSED));
    }

    @Test
    void reschedulingHasItsOwnNotice() {
        assertThatCode(() -> AttendeeCutoff.checkReschedule(
                        DAY_TO_CANCEL_HOUR_TO_MOVE, START, Instant.parse("2024-03-12T09:00:00Z")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> AttendeeCutoff.checkReschedule(
                        DAY_TO_CANCEL_HOUR_TO_MOVE, START, Instant.parse("2024-03-12T09:30:00Z")))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CUTOFF_PASSED));
    }
}
