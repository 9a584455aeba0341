package dev.bookwise.events;

import dev.bookwise.calendar.AvailabilityWindow;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A one-off window was added: {@code requested} merged with the {@code absorbed} windows it
 * overlapped or touched into {@code window}, which replaces them.
 */
@Revision("1")
public record AvailabilityWindowMerged(
        UUID hostId, AvailabilityWindow requested, AvailabilityWindow window, List<AvailabilityWindow> absorbed) {

    public AvailabilityWindowMerged {
        absorbed = absorbed == null ? List.of() : List.copyOf(absorbed);
    }
}
