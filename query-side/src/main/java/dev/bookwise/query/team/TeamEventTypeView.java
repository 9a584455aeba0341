package dev.bookwise.query.team;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.query.eventtype.EventTypeView;
import dev.bookwise.query.eventtype.EventTypes;
import java.util.List;
import java.util.UUID;

/**
 * A team's type as the API shows it: a host type's fields, how it is assigned, and the members
 * that take it ({@code members} null: every member of the team).
 */
public record TeamEventTypeView(@JsonUnwrapped EventTypeView eventType, Assignment assignment, List<UUID> members) {

    public static TeamEventTypeView of(TeamRepository.KnownType known) {
        return new TeamEventTypeView(
                EventTypeView.of(new EventTypes.Known(known.type().eventType(), known.archived())),
                known.type().assignment(),
                known.type().members());
    }
}
