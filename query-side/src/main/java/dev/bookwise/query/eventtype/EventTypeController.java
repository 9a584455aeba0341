package dev.bookwise.query.eventtype;

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
 * a key: only the public types that are not archived ({@link EventTypeLists}).
 */
@RestController
class EventTypeController {

    record EventTypeList(List<EventTypeView> items) {}

    private final EventTypeLists lists;

    EventTypeController(EventTypeLists lists) {
        this.lists = lists;
    }

    @GetMapping("/api/hosts/{hostId}/event-types")
    EventTypeList eventTypes(@PathVariable UUID hostId, HttpServletRequest request) {
        // anonymous callers may read this path, so there may be no caller
        Caller caller = (Caller) request.getAttribute(ApiKeyFilter.CALLER);
        return new EventTypeList(lists.ofHost(hostId, caller));
    }
}
