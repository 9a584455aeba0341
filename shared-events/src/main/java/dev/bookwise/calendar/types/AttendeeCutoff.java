package dev.bookwise.calendar.types;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Duration;
import java.time.Instant;

/**
 * An attendee acting with a manage token may cancel or reschedule a booking no later than the
 * type's {@code attendeeCancelNoticeMinutes} / {@code attendeeRescheduleNoticeMinutes} before it
 * starts (exactly at the cutoff is still in time). Hosts and the admin are not bound by it.
 */
public final class AttendeeCutoff {

    private AttendeeCutoff() {}

    /** @throws BookwiseException cutoff-passed once the cancel notice before {@code start} has begun */
    public static void checkCancel(EventType type, Instant start, Instant now) {
        check("cancelled", type.attendeeCancelNoticeMinutes(), start, now);
    }

    /** @throws BookwiseException cutoff-passed once the reschedule notice before {@code start} has begun */
    public static void checkReschedule(EventType type, Instant start, Instant now) {
        check("rescheduled", type.attendeeRescheduleNoticeMinutes(), start, now);
    }

    private static void check(String action, int noticeMinutes, Instant start, Instant now) {
        Instant cutoff = start.minus(Duration.ofMinutes(noticeMinutes));
        if (now.isAfter(cutoff)) {
            throw new BookwiseException(
                    ErrorCode.CUTOFF_PASSED,
                    "a booking starting at " + start + " can be " + action + " by its attendee until " + cutoff);
        }
    }
}
