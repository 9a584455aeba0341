package dev.bookwise.query.availability;

import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.types.OfferedSlot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A team type's starts from its members' own: a round-robin type offers a start when at least one
 * member takes it (the union; {@code seatsLeft}: the most any of them has left), a collective type
 * when every member does (the intersection; {@code seatsLeft}: the fewest any of them has left). This
 * is what the command side decides a team booking by: each member's calendar checks the start by
 * its own rules, and round robin needs one of them to take it, collective all of them.
 */
final class TeamSlots {

    private TeamSlots() {}

    /** @param perMember each member's offered starts (of the same type, so the same duration) */
    static List<OfferedSlot> combine(Assignment assignment, List<List<OfferedSlot>> perMember) {
        if (perMember.isEmpty()) {
            return List.of();
        }
        Map<Instant, OfferedSlot> combined = new TreeMap<>();
        if (assignment == Assignment.ROUND_ROBIN) {
            for (List<OfferedSlot> slots : perMember) {
                for (OfferedSlot slot : slots) {
                    combined.merge(slot.start(), slot, (a, b) -> a.seatsLeft() >= b.seatsLeft() ? a : b);
                }
            }
            return List.copyOf(combined.values());
        }
        perMember.get(0).forEach(slot -> combined.put(slot.start(), slot));
        for (List<OfferedSlot> slots : perMember.subList(1, perMember.size())) {
            Map<Instant, OfferedSlot> next = new TreeMap<>();
            for (OfferedSlot slot : slots) {
                OfferedSlot soFar = combined.get(slot.start());
                if (soFar != null) {
                    next.put(slot.start(), soFar.seatsLeft() <= slot.seatsLeft() ? soFar : slot);
                }
            }
            combined.clear();
            combined.putAll(next);
        }
        return List.copyOf(combined.values());
    }
}
