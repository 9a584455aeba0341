package dev.bookwise.query.availability;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;

/**
 * ISO-8601 text of slot times, the way the API writes them: {@code 2024-03-10T13:00:00Z} and
 * {@code 2024-03-10T09:00:00-04:00}. An availability answer holds about three thousand of these;
 * written through {@link DateTimeFormatter} they took half of the request's time, so whole-second
 * instants in years 0000-9999 are written directly; anything else goes through the formatter.
 */
final class SlotText {

    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private SlotText() {}

    static String utc(Instant instant) {
        if (!fast(instant)) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        return write(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    static String local(Instant instant, ZoneRules rules) {
        ZoneOffset offset = rules.getOffset(instant);
        if (!fast(instant) || offset.getTotalSeconds() % 60 != 0) {
            return WITH_OFFSET.format(instant.atOffset(offset));
        }
        return write(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, offset), offset);
    }

    private static boolean fast(Instant instant) {
        long seconds = instant.getEpochSecond();
        // 0000-01-01T00:00:00Z .. 9999-12-31T23:59:59Z, with a day's margin for offsets
        return instant.getNano() == 0 && seconds > -62_167_132_800L && seconds < 253_402_214_400L;
    }

    private static String write(LocalDateTime time, ZoneOffset offset) {
        char[] text = new char[25];
        int at = digits(text, 0, time.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, time.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, time.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, time.getHour(), 2);
        text[at++] = ':';
        at = digits(text, at, time.getMinute(), 2);
        text[at++] = ':';
        at = digits(text, at, time.getSecond(), 2);
        int total = offset.getTotalSeconds();
        if (total == 0) {
            text[at++] = 'Z';
            return new String(text, 0, at);
        }
        text[at++] = total < 0 ? '-' : '+';
        int minutes = Math.abs(total) / 60;
        at = digits(text, at, minutes / 60, 2);
        text[at++] = ':';
        at = digits(text, at, minutes % 60, 2);
        return new String(text, 0, at);
    }

    private static int digits(char[] text, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            text[at + i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
