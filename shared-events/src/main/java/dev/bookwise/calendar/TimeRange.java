package dev.bookwise.calendar;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;

/**
 * A wall-clock range within one day, "HH:mm" to "HH:mm"; the end may be "24:00".
 * Kept as text so stored events and the audit history read exactly as the host wrote them.
 */
public record TimeRange(String start, String end) {

    public int startMinute() {
        return minuteOfDay(start, false);
    }

    public int endMinute() {
        return minuteOfDay(end, true);
    }

    /** @throws BookwiseException invalid-schedule when malformed or end ≤ start */
    public void validate() {
        if (endMinute() <= startMinute()) {
            throw new BookwiseException(
                    ErrorCode.INVALID_SCHEDULE, "range " + start + "-" + end + " ends before it starts");
        }
    }

    private static int minuteOfDay(String text, boolean endOfDayAllowed) {
        if (text == null
                || text.length() != 5
                || text.charAt(2) != ':'
                || !Character.isDigit(text.charAt(0))
                || !Character.isDigit(text.charAt(1))
                || !Character.isDigit(text.charAt(3))
                || !Character.isDigit(text.charAt(4))) {
            throw new BookwiseException(ErrorCode.INVALID_SCHEDULE, "time '" + text + "' is not HH:mm");
        }
        int hours = Integer.parseInt(text.substring(0, 2));
        int minutes = Integer.parseInt(text.substring(3));
        int minute = hours * 60 + minutes;
        boolean valid = minutes < 60 && (hours < 24 || (endOfDayAllowed && minute == 24 * 60));
        if (!valid) {
            throw new BookwiseException(ErrorCode.INVALID_SCHEDULE, "time '" + text + "' is not a time of day");
        }
        return minute;
    }
}
