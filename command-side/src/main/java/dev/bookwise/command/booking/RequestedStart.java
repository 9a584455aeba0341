package dev.bookwise.command.booking;

import dev.bookwise.calendar.WallClock;
import dev.bookwise.calendar.Zones;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** A start given either as an instant or as wall-clock time in a zone (with an offset to pick one side of an overlap). */
record RequestedStart(Instant start, LocalDateTime localStart, String timeZone, ZoneOffset offset) {

    Instant resolve() {
        if ((start == null) == (localStart == null)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give either start or localStart with timeZone");
        }
        if (start != null) {
            if (timeZone != null || offset != null) {
                throw new BookwiseException(
                        ErrorCode.INVALID_REQUEST, "timeZone and offset go with localStart, not start");
            }
            return start;
        }
        if (timeZone == null) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "localStart needs timeZone");
        }
        return WallClock.resolve(localStart, Zones.parse(timeZone, ErrorCode.INVALID_TIME_ZONE), offset);
    }
}
