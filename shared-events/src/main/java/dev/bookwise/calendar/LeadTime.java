package dev.bookwise.calendar;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far ahead a start may be booked: not before {@code now + minimumNotice} (so never in the
 * past) and before {@code now + horizon}. Shared by every offer so that listing and deciding
 * draw the same line.
 */
public record LeadTime(int minimumNoticeMinutes, int horizonDays) {

    public Duration minimumNotice() {
        return Duration.ofMinutes(minimumNoticeMinutes);
    }

    public Duration horizon() {
        return Duration.ofDays(horizonDays);
    }

    /** The first instant a slot may start at {@code now}. */
    public Instant earliest(Instant now) {
        return now.plus(minimumNotice());
    }

    /** The first instant a slot may no longer start at {@code now}. */
    public Instant horizonEnd(Instant now) {
        return now.plus(horizon());
    }

    /** @throws BookwiseException slot-not-offered when {@code start} is too soon or too far ahead */
    public void check(Instant start, Instant now) {
        if (start.isBefore(earliest(now))) {
            throw new BookwiseException(
                    ErrorCode.SLOT_NOT_OFFERED,
                    start + " is in the past or inside the minimum notice of " + minimumNoticeMinutes + " minutes");
        }
        if (!start.isBefore(horizonEnd(now))) {
            throw new BookwiseException(
                    ErrorCode.SLOT_NOT_OFFERED, start + " is beyond the booking horizon of " + horizonDays + " days");
        }
    }

    /** {@code [from, to)} narrowed to the starts bookable at {@code now}; empty when nothing is left. */
    public Optional<Slot> clamp(Instant from, Instant to, Instant now) {
        Instant earliest = earliest(now);
        Instant horizon = horizonEnd(now);
        Instant lower = from.isBefore(earliest) ? earliest : from;
        Instant upper = to.isAfter(horizon) ? horizon : to;
        return lower.isBefore(upper) ? Optional.of(new Slot(lower, upper)) : Optional.empty();
    }
}
