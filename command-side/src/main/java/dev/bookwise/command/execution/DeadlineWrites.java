package dev.bookwise.command.execution;

import dev.bookwise.command.calendar.CalendarCache;
import dev.bookwise.command.calendar.ReservationExpiryDue;
import dev.bookwise.command.calendar.TeamBookings;
import dev.bookwise.command.config.BookwiseProperties;
import dev.bookwise.command.directory.CommandDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * A reservation's expiry firing is a write on its calendar like a command: it takes the host's turn
 * in this process ({@link HostGate}) and its lock, uses the cached calendar only if it is the store's latest, and leaves the cache holding the
 * calendar's new version, so that the next booking on that host does not read the calendar again
 * (without this every expiry dropped the cached calendar).
 */
@Component
public class DeadlineWrites implements MessageHandlerInterceptor<DeadlineMessage<?>> {

    private final WriteStatements statements;
    private final CalendarCache calendars;
    private final CommandDirectory directory;
    private final boolean hostLock;
    private final HostGate hostGate;
    private final CalendarLocks locks;
    private final TeamBookings teamBookings;

    DeadlineWrites(
            CalendarLocks locks,
            TeamBookings teamBookings,
            WriteStatements statements,
            CalendarCache calendars,
            CommandDirectory directory,
            BookwiseProperties properties,
            HostGate hostGate) {
        this.hostGate = hostGate;
        this.locks = locks;
        this.teamBookings = teamBookings;
        this.statements = statements;
        this.calendars = calendars;
        this.directory = directory;
        this.hostLock = properties.hostLock();
    }

    @Override
    public Object handle(UnitOfWork<? extends DeadlineMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        UUID hostId = hostOf(unitOfWork.getMessage().getPayload());
        if (hostId == null) {
            return chain.proceed();
        }
        // the host's turn in this process until the unit of work ends: a command here may have left the
        // cached calendar changed and not yet committed (or rolled back and not yet dropped it)
        Runnable release = hostGate.enter(hostId);
        unitOfWork.onCleanup(u -> release.run());
        // the deadline's unit of work runs in a transaction: lock and version as a command's first round trip
        List<UUID> others = collectiveElsewhere(unitOfWork.getMessage().getPayload(), hostId);
        if (!others.isEmpty()) {
            // a collective booking expires in every member's calendar: all of them are locked first,
            // in the order every writer of several calendars uses
            List<UUID> all = new ArrayList<>(others);
            all.add(hostId);
            locks.lock(all);
            unitOfWork.onCleanup(u -> others.forEach(calendars::forget));
        }
        WriteStatements.Begin begin = statements.begin("deadline", null, hostId, hostLock, null);
        calendars.beforeCommand(hostId, begin.lastSequence());
        Object result = chain.proceed();
        if (!others.isEmpty()) {
            // a collective booking: its expiry fired in its first calendar, the others expire with it
            teamBookings.expireElsewhere(
                    ((ReservationExpiryDue) unitOfWork.getMessage().getPayload()).bookingId(), others);
        }
        // registered after the handler ran, so after the event store's own append in the same phase
        AtomicReference<Long> version = new AtomicReference<>();
        unitOfWork.onPrepareCommit(u -> version.set(statements.lastSequence(hostId)));
        unitOfWork.afterCommit(u -> calendars.committed(hostId, version.get()));
        unitOfWork.onRollback(u -> calendars.forget(hostId));
        return result;
    }

    private List<UUID> collectiveElsewhere(Object payload, UUID hostId) {
        if (payload instanceof ReservationExpiryDue due) {
            return directory
                    .placeOfBooking(due.bookingId())
                    .filter(place -> place.hostIds().size() > 1)
                    .map(place -> place.hostIds().stream()
                            .filter(h -> !h.equals(hostId))
                            .toList())
                    .orElse(List.of());
        }
        return List.of();
    }

    private UUID hostOf(Object payload) {
        if (payload instanceof ReservationExpiryDue due) {
            return due.hostId() != null
                    ? due.hostId()
                    : directory.hostOfBooking(due.bookingId()).orElse(null);
        }
        return null;
    }
}
