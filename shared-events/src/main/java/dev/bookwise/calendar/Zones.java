package dev.bookwise.calendar;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.ZoneId;
import java.util.Set;

/** Only IANA region ids (and UTC) are accepted: fixed offsets and three-letter ids are ambiguous. */
public final class Zones {

    private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

    private Zones() {}

    public static boolean isKnown(String zoneId) {
        return zoneId != null && KNOWN.contains(zoneId);
    }

    public static ZoneId parse(String zoneId, ErrorCode whenUnknown) {
        if (!isKnown(zoneId)) {
            throw new BookwiseException(whenUnknown, "unknown time zone '" + zoneId + "'");
        }
        return ZoneId.of(zoneId);
    }
}
