package dev.bookwise.query.team;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A team's event types as a caller may list them. The team's key or the admin key: every type,
 * archived ones included; without a key: only the public types that are not archived.
 */
@Service
public class TeamEventTypeLists {

    private final TeamRepository teams;

    TeamEventTypeLists(TeamRepository teams) {
        this.teams = teams;
    }

    /** @param caller null for a caller without a key */
    public List<TeamEventTypeView> ofTeam(UUID teamId, Caller caller) {
        if (caller != null) {
            caller.requireTeam(teamId);
        }
        if (!teams.exists(teamId)) {
            throw new BookwiseException(ErrorCode.TEAM_NOT_FOUND, "no team " + teamId);
        }
        boolean everything = caller != null;
        return teams.eventTypes(teamId).stream()
                .filter(known -> everything || (known.type().eventType().isPublic() && !known.archived()))
                .map(TeamEventTypeView::of)
                .toList();
    }
}
