package dev.bookwise.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact instants whose wall-clock time on a date falls in a range. Across a fall-back the
 * repeated hour is included twice (the range gets longer); across a spring-forward the missing
 * hour contributes nothing. The result is sorted, disjoint, and adjacent pieces are joined.
 */
final class WallClockRanges {

    private WallClockRanges() {}

    static List<Slot> instantsOf(LocalDate date, TimeRange range, ZoneRules rules) {
        LocalDateTime from = date.atStartOfDay().plusMinutes(range.startMinute());
        LocalDateTime to = date.atStartOfDay().plusMinutes(range.endMinute());
        return instantsOf(from, to, rules);
    }

    static List<Slot> instantsOf(LocalDateTime from, LocalDateTime to, ZoneRules rules) {
        List<Slot> pieces = new ArrayList<>(1);
        if (rules.isFixedOffset()) {
            ZoneOffset offset = rules.getOffset(Instant.EPOCH);
            pieces.add(new Slot(from.toInstant(offset), to.toInstant(offset)));
            return pieces;
        }
        // every instant whose local time is in [from, to) lies in [from at +18:00, to at -18:00)
        Instant segmentStart = from.toInstant(ZoneOffset.MAX);
        Instant limit = to.toInstant(ZoneOffset.MIN);
        while (segmentStart.isBefore(limit)) {
            ZoneOffsetTransition next = rules.nextTransition(segmentStart);
            Instant segmentEnd = next == null || next.getInstant().isAfter(limit) ? limit : next.getInstant();
            ZoneOffset offset = rules.getOffset(segmentStart);
            Instant a = max(segmentStart, from.toInstant(offset));
            Instant b = min(segmentEnd, to.toInstant(offset));
            if (a.isBefore(b)) {
                int last = pieces.size() - 1;
                if (last >= 0 && pieces.get(last).end().equals(a)) {
                    pieces.set(last, new Slot(pieces.get(last).start(), b));
                } else {
                    pieces.add(new Slot(a, b));
                }
            }
            segmentStart = segmentEnd;
        }
        return pieces;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
