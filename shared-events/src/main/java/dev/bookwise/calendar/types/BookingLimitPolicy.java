package dev.bookwise.calendar.types;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The per-day and per-week limits of one event type: a booking counts on the local date of its
 * start in the zone of the type's schedule, and towards the ISO week (Monday first) of that date.
 * A day or week at its limit takes no more bookings of the type.
 */
public final class BookingLimitPolicy {

    private final EventType type;
    private final ZoneId zone;
    private final BookingCounts counts;

    public BookingLimitPolicy(EventType type, ZoneId zone, BookingCounts counts) {
        this.type = type;
        this.zone = zone;
        this.counts = counts;
    }

    /** The date a booking starting at {@code start} counts on. */
    public LocalDate countedOn(Instant start) {
        return LocalDate.ofInstant(start, zone);
    }

    /**
     * How many more bookings of the type may start on the day of {@code start}, within its week
     * too; {@link Integer#MAX_VALUE} when the type has no limits.
     *
     * @param movingFrom the start of a booking of this type being rescheduled, whose count the
     *     move gives up, or null
     */
    public int remaining(Instant start, Instant movingFrom) {
        if (type.limits().perDay() == null && type.limits().perWeek() == null) {
            return Integer.MAX_VALUE;
        }
        LocalDate date = countedOn(start);
        LocalDate movedOff = movingFrom == null ? null : countedOn(movingFrom);
        return Math.min(remainingOnDay(date, movedOff), remainingInWeek(date, movedOff));
    }

    /** @throws BookwiseException booking-limit-reached when {@link #remaining} is 0 */
    public void check(Instant start, Instant movingFrom) {
        LocalDate date = countedOn(start);
        LocalDate movedOff = movingFrom == null ? null : countedOn(movingFrom);
        if (remainingOnDay(date, movedOff) == 0) {
            throw new BookwiseException(
                    ErrorCode.BOOKING_LIMIT_REACHED,
                    "'" + type.slug() + "' takes at most " + type.limits().perDay() + " bookings on " + date);
        }
        if (remainingInWeek(date, movedOff) == 0) {
            throw new BookwiseException(
                    ErrorCode.BOOKING_LIMIT_REACHED,
                    "'" + type.slug() + "' takes at most " + type.limits().perWeek() + " bookings in the week of "
                            + BookingCounts.weekStart(date));
        }
    }

    private int remainingOnDay(LocalDate date, LocalDate movedOff) {
        Integer perDay = type.limits().perDay();
        if (perDay == null) {
            return Integer.MAX_VALUE;
        }
        int taken = counts.onDate(type.id(), date) - (date.equals(movedOff) ? 1 : 0);
        return Math.max(0, perDay - taken);
    }

    private int remainingInWeek(LocalDate date, LocalDate movedOff) {
        Integer perWeek = type.limits().perWeek();
        if (perWeek == null) {
            return Integer.MAX_VALUE;
        }
        boolean sameWeek = movedOff != null && BookingCounts.weekStart(movedOff).equals(BookingCounts.weekStart(date));
        int taken = counts.inWeekOf(type.id(), date) - (sameWeek ? 1 : 0);
        return Math.max(0, perWeek - taken);
    }
}
