package dev.bookwise.query.team;

import dev.bookwise.web.auth.ApiKeyFilter;
import dev.bookwise.web.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A team's event types. The team's key or the admin key: every type, archived ones included;
 * without a key: only the public types that are not archived ({@link TeamEventTypeLists}).
 */
@RestController
class TeamEventTypeController {

    record TeamEventTypeList(List<TeamEventTypeView> items) {}

    private final TeamEventTypeLists lists;

    TeamEventTypeController(TeamEventTypeLists lists) {
        this.lists = lists;
    }

    @GetMapping("/api/teams/{teamId}/event-types")
    TeamEventTypeList eventTypes(@PathVariable UUID teamId, HttpServletRequest request) {
        // anonymous callers may read this path, so there may be no caller
        Caller caller = (Caller) request.getAttribute(ApiKeyFilter.CALLER);
        return new TeamEventTypeList(lists.ofTeam(teamId, caller));
    }
}
