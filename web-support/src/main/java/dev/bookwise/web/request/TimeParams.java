package dev.bookwise.web.request;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Instants and dates as the API takes them, anywhere: in bodies, query parameters and cursors. Every
 * one lies between 1970-01-01 and 9999-12-31 (UTC): beyond that, text that Java reads happily cannot
 * be stored by PostgreSQL or written back as four-digit-year ISO-8601.
 */
public final class TimeParams {

    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    public static final String RANGE = "between 1970-01-01 and 9999-12-31";

    private TimeParams() {}

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    public static boolean inRange(LocalDate date) {
        return date.getYear() >= 1970 && date.getYear() <= 9999;
    }

    public static boolean inRange(LocalDateTime dateTime) {
        return inRange(dateTime.toLocalDate());
    }

    /** @return the instant of an ISO-8601 date-time with an offset, or null for null */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BookwiseException(
                    ErrorCode.INVALID_REQUEST, name + " must be an instant with an offset, e.g. 2024-03-11T13:00:00Z");
        }
        return checked(name, instant);
    }

    /** @return the date of an ISO-8601 date (2024-03-11), or null for null */
    public static LocalDate date(String name, String value) {
        if (value == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, name + " must be a date, e.g. 2024-03-11");
        }
        if (!inRange(date)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, name + " must be " + RANGE);
        }
        return date;
    }

    public static Instant checked(String name, Instant instant) {
        if (!inRange(instant)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, name + " must be " + RANGE);
        }
        return instant;
    }

    /** The UTC date of an instant known to be in range. */
    public static LocalDate utcDate(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
