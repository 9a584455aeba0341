package dev.bookwise.query.eventtype;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.calendar.Schedules;
import dev.bookwise.query.host.HostRepository;
import dev.bookwise.web.auth.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A host's event types as a caller may list them. Its own key or the admin key: every type,
 * archived ones included; without a key: only the public types that are not archived.
 */
@Service
public class EventTypeLists {

    private final EventTypes eventTypes;
    private final Schedules schedules;
    private final HostRepository hosts;

    EventTypeLists(EventTypes eventTypes, Schedules schedules, HostRepository hosts) {
        this.eventTypes = eventTypes;
        this.schedules = schedules;
        this.hosts = hosts;
    }

    /** @param caller null for a caller without a key */
    public List<EventTypeView> ofHost(UUID hostId, Caller caller) {
        if (caller != null) {
            caller.requireHost(hostId);
        }
        if (hosts.timeZoneOf(hostId).isEmpty()) {
            throw new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + hostId);
        }
        boolean everything = caller != null;
        return eventTypes.ofHost(hostId, schedules.defaultSchedule(hostId)).stream()
                .filter(known -> everything || (known.type().isPublic() && !known.archived()))
                .map(EventTypeView::of)
                .toList();
    }
}
