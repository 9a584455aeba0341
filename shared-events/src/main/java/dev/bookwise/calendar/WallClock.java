package dev.bookwise.calendar;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Turns user-given wall-clock times into instants without the silent shifting of
 * {@code atZone}/{@code ZonedDateTime.of}: a time in a DST gap is refused, a time in an overlap
 * needs the caller to pick the offset.
 */
public final class WallClock {

    private WallClock() {}

    public static Instant resolve(LocalDateTime local, ZoneId zone, ZoneOffset offset) {
        List<ZoneOffset> valid = zone.getRules().getValidOffsets(local);
        if (valid.isEmpty()) {
            throw new BookwiseException(
                    ErrorCode.NONEXISTENT_LOCAL_TIME,
                    local + " does not exist in " + zone + " (skipped by a daylight-saving change)");
        }
        if (offset != null) {
            if (!valid.contains(offset)) {
                throw new BookwiseException(
                        ErrorCode.INVALID_REQUEST,
                        "offset " + offset + " does not apply to " + local + " in " + zone + "; valid: " + valid);
            }
            return local.toInstant(offset);
        }
        if (valid.size() > 1) {
            throw new BookwiseException(
                    ErrorCode.AMBIGUOUS_LOCAL_TIME,
                    local + " happens twice in " + zone + "; pass offset, one of " + valid);
        }
        return local.toInstant(valid.get(0));
    }
}
