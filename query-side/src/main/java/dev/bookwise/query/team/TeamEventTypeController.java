package dev.bookwise.query.team;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.eventtype.EventTypeView;
import dev.bookwise.query.eventtype.EventTypes;
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
 * without a key: only the public types that are not archived.
 */
@RestController
class TeamEventTypeController {

    /**
     * A team's type as the API shows it: a host type's fields, how it is assigned, and the members
     * that take it ({@code members} null: every member of the team).
     */
    record TeamEventTypeView(@JsonUnwrapped EventTypeView eventType, Assignment assignment, List<UUID> members) {

        static TeamEventTypeView of(TeamRepository.KnownType known) {
            return new TeamEventTypeView(
                    EventTypeView.of(new EventTypes.Known(known.type().eventType(), known.archived())),
                    known.type().assignment(),
                    known.type().members());
        }
    }

    record TeamEventTypeList(List<TeamEventTypeView> items) {}

    private final TeamRepository teams;

    TeamEventTypeController(TeamRepository teams) {
        this.teams = teams;
    }

    @GetMapping("/api/teams/{teamId}/event-types")
    TeamEventTypeList eventTypes(@PathVariable UUID teamId, HttpServletRequest request) {
        // anonymous callers may read this path, so there may be no caller
        Caller caller = (Caller) request.getAttribute(ApiKeyFilter.CALLER);
        if (caller != null) {
            caller.requireTeam(teamId);
        }
        if (!teams.exists(teamId)) {
            throw new BookwiseException(ErrorCode.TEAM_NOT_FOUND, "no team " + teamId);
        }
        boolean everything = caller != null;
        return new TeamEventTypeList(teams.eventTypes(teamId).stream()
                .filter(known -> everything || (known.type().eventType().isPublic() && !known.archived()))
                .map(TeamEventTypeView::of)
                .toList());
    }
}
