package dev.bookwise.calendar.teams;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.UUID;

/**
 * A host in a team. Round-robin assignment divides a member's recent bookings by {@code weight}
 * (1..100, default 1) and breaks ties by the higher {@code priority} (0..100, default 0).
 */
public record TeamMember(UUID hostId, Integer weight, Integer priority) {

    public static final int MAX_WEIGHT = 100;
    public static final int MAX_PRIORITY = 100;

    public TeamMember {
        weight = weight == null ? 1 : weight;
        priority = priority == null ? 0 : priority;
    }

    public void validate() {
        if (hostId == null) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "members: every member needs a hostId");
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new BookwiseException(
                    ErrorCode.INVALID_REQUEST, "members: weight must be 1.." + MAX_WEIGHT + " (host " + hostId + ")");
        }
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new BookwiseException(
                    ErrorCode.INVALID_REQUEST,
                    "members: priority must be 0.." + MAX_PRIORITY + " (host " + hostId + ")");
        }
    }
}
