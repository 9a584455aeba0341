package dev.bookwise.command.execution;

import dev.bookwise.command.calendar.CalendarCache;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * For a write that needs several calendars (a team booking): locks them in the one order every
 * such writer uses, drops each cached calendar that is not the store's latest, and records them
 * with the write so that their cached state is kept or dropped with it.
 */
@Component
public class CalendarLocks {

    private final WriteStatements statements;
    private final CalendarCache calendars;

    CalendarLocks(WriteStatements statements, CalendarCache calendars) {
        this.statements = statements;
        this.calendars = calendars;
    }

    public void lock(Collection<UUID> hostIds) {
        if (hostIds.isEmpty()) {
            return;
        }
        Map<UUID, Long> last = statements.lockHosts(List.copyOf(hostIds));
        PendingWrites pending = PendingWrites.current().orElse(null);
        for (UUID hostId : hostIds) {
            Long version = last.get(hostId);
            calendars.beforeCommand(hostId, version);
            if (pending != null) {
                pending.locked(hostId, version);
            }
        }
    }
}
