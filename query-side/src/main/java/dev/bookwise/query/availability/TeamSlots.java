package dev.bookwise.query.availability;

import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.types.OfferedSlot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A team type's starts from its members' own: a round-robin type offers a start when at least one
 * member takes it (the union; {@code seatsLeft}: the most any of them has left), a collective type
 * when every member does (the intersection; {@code seatsLeft}: the fewest any of them has left). This
 * is what the command side decides a team booking by: each member's calendar checks the start by
 * its own rules, and round robin needs one of them to take it, collective all of them.
 */
final class TeamSlots {

    private TeamSlots() {}

    /**
     * @param perMember each member's offered starts (of the same type, so the same duration), each
     *     list ascending by start with one slot per start, as {@code EventTypeOffer#available} gives them
     */
    static List<OfferedSlot> combine(Assignment assignment, List<List<OfferedSlot>> perMember) {
        if (perMember.isEmpty()) {
            return List.of();
        }
        return assignment == Assignment.ROUND_ROBIN ? union(perMember) : intersection(perMember);
    }

    /** Every start of any member, with the most seats any of them has left there (the first on a tie). */
    private static List<OfferedSlot> union(List<List<OfferedSlot>> perMember) {
        List<OfferedSlot> all =
                new ArrayList<>(perMember.stream().mapToInt(List::size).sum());
        perMember.forEach(all::addAll);
        // a stable merge sort that finds the members' ascending runs and merges them, members in order on a tie
        all.sort(Comparator.comparing(OfferedSlot::start));
        List<OfferedSlot> combined = new ArrayList<>(all.size());
        for (OfferedSlot slot : all) {
            int last = combined.size() - 1;
            if (last >= 0 && combined.get(last).start().equals(slot.start())) {
                if (slot.seatsLeft() > combined.get(last).seatsLeft()) {
                    combined.set(last, slot);
                }
            } else {
                combined.add(slot);
            }
        }
        return combined;
    }

    /** The starts every member has, with the fewest seats any of them has left there (the first on a tie). */
    private static List<OfferedSlot> intersection(List<List<OfferedSlot>> perMember) {
        int members = perMember.size();
        int[] at = new int[members];
        List<OfferedSlot> combined = new ArrayList<>();
        for (OfferedSlot slot : perMember.get(0)) {
            OfferedSlot fewest = slot;
            boolean everyone = true;
            for (int m = 1; m < members && everyone; m++) {
                List<OfferedSlot> theirs = perMember.get(m);
                while (at[m] < theirs.size() && theirs.get(at[m]).start().isBefore(slot.start())) {
                    at[m]++;
                }
                if (at[m] == theirs.size() || !theirs.get(at[m]).start().equals(slot.start())) {
                    everyone = false;
                } else if (theirs.get(at[m]).seatsLeft() < fewest.seatsLeft()) {
                    fewest = theirs.get(at[m]);
                }
            }
            if (everyone) {
                combined.add(fewest);
            }
        }
        return combined;
    }
}
