package dev.bookwise.calendar.teams;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Who of a round-robin type's free members gets the next booking: the fewest bookings of this type
 * in the last {@value #WINDOW_DAYS} days divided by the member's weight, then the higher priority,
 * then the least recently booked (never booked first), then the host id (so that the order is
 * total and every instance picks the same member).
 */
public final class RoundRobin {

    public static final int WINDOW_DAYS = 30;

    /**
     * What the order needs of one member.
     *
     * @param recentBookings live, completed and no-show bookings of the type made in the last {@value #WINDOW_DAYS} days
     * @param lastBookedAt   when the member was last booked for the type (null: never, in that window)
     */
    public record Standing(UUID hostId, int weight, int priority, int recentBookings, Instant lastBookedAt) {}

    public static final Comparator<Standing> ORDER = Comparator.<Standing>comparingDouble(
                    s -> (double) s.recentBookings() / s.weight())
            .thenComparing(Comparator.comparingInt(Standing::priority).reversed())
            .thenComparing(Standing::lastBookedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Standing::hostId);

    private RoundRobin() {}

    /** The members in the order they are offered the booking. */
    public static List<Standing> order(List<Standing> members) {
        return members.stream().sorted(ORDER).toList();
    }
}
