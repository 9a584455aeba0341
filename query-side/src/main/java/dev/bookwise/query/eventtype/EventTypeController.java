package dev.bookwise.query.eventtype;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.calendar.Schedules;
import dev.bookwise.query.host.HostRepository;
import dev.bookwise.web.auth.ApiKeyFilter;
import dev.bookwise.web.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host's event types. Its own key or the admin key: every type, archived ones included; without
 * a key: only the public types that are not archived.
 */
@RestController
class EventTypeController {

    record EventTypeList(List<EventTypeView> items) {}

    private final EventTypes eventTypes;
    private final Schedules schedules;
    private final HostRepository hosts;

    EventTypeController(EventTypes eventTypes, Schedules schedules, HostRepository hosts) {
        this.eventTypes = eventTypes;
        this.schedules = schedules;
        this.hosts = hosts;
    }

    @GetMapping("/api/hosts/{hostId}/event-types")
    EventTypeList eventTypes(@PathVariable UUID hostId, HttpServletRequest request) {
        // anonymous callers may read this path, so there may be no caller
        Caller caller = (Caller) request.getAttribute(ApiKeyFilter.CALLER);
        if (caller != null) {
            caller.requireHost(hostId);
        }
        if (hosts.timeZoneOf(hostId).isEmpty()) {
            throw new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + hostId);
        }
        boolean everything = caller != null;
        return new EventTypeList(eventTypes.ofHost(hostId, schedules.defaultSchedule(hostId)).stream()
                .filter(known -> everything || (known.type().isPublic() && !known.archived()))
                .map(EventTypeView::of)
                .toList());
    }
}
