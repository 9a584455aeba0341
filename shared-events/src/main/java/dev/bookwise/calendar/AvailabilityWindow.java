package dev.bookwise.calendar;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Duration;
import java.time.Instant;

/** One-off extra availability between two instants, cut into slots of {@code slotDuration} minutes from its start. */
public record AvailabilityWindow(Instant startTime, Instant endTime, int slotDuration) {

    public static final Duration MAX_LENGTH = Duration.ofDays(3 * 365);

    /** @throws BookwiseException invalid-window when empty, reversed, absurdly long or with a non-positive slot */
    public void validate() {
        if (startTime == null || endTime == null) {
            throw new BookwiseException(ErrorCode.INVALID_WINDOW, "startTime and endTime are required");
        }
        if (!endTime.isAfter(startTime)) {
            throw new BookwiseException(ErrorCode.INVALID_WINDOW, "endTime must be after startTime");
        }
        if (Duration.between(startTime, endTime).compareTo(MAX_LENGTH) > 0) {
            throw new BookwiseException(
                    ErrorCode.INVALID_WINDOW, "a window may span at most " + MAX_LENGTH.toDays() + " days");
        }
        if (slotDuration <= 0 || slotDuration > Schedule.MAX_SLOT_MINUTES) {
            throw new BookwiseException(
                    ErrorCode.INVALID_WINDOW,
                    "slotDuration must be between 1 and " + Schedule.MAX_SLOT_MINUTES + " minutes");
        }
    }

    public Duration slotLength() {
        return Duration.ofMinutes(slotDuration);
    }

    /** Overlapping or touching windows merge into one. */
    public boolean overlapsOrTouches(AvailabilityWindow other) {
        return !startTime.isAfter(other.endTime) && !other.startTime.isAfter(endTime);
    }

    public AvailabilityWindow span(AvailabilityWindow other) {
        Instant start = startTime.isBefore(other.startTime) ? startTime : other.startTime;
        Instant end = endTime.isAfter(other.endTime) ? endTime : other.endTime;
        return new AvailabilityWindow(start, end, slotDuration);
    }
}
