package dev.bookwise.events;

import dev.bookwise.calendar.BusyInterval;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * What a sync of one busy source changed: intervals that are now busy and intervals that no longer
 * are. A sync that finds the same busy times appends nothing; one that fails appends nothing (the
 * last known busy times stay).
 */
@Revision("1")
public record ExternalBusyTimesSynced(
        UUID hostId, UUID sourceId, List<BusyInterval> added, List<BusyInterval> removed) {

    public ExternalBusyTimesSynced {
        added = added == null ? List.of() : List.copyOf(added);
        removed = removed == null ? List.of() : List.copyOf(removed);
    }
}
