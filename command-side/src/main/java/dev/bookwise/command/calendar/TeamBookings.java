package dev.bookwise.command.calendar;

import dev.bookwise.calendar.Booking;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.RoundRobin;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.teams.TeamMember;
import dev.bookwise.calendar.types.Answers;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.Metadata;
import dev.bookwise.command.execution.CalendarLocks;
import dev.bookwise.commands.CancelBookingCommand;
import dev.bookwise.commands.CompleteBookingCommand;
import dev.bookwise.commands.ConfirmBookingCommand;
import dev.bookwise.commands.MarkNoShowCommand;
import dev.bookwise.commands.RescheduleBookingCommand;
import dev.bookwise.commands.ReserveTeamBookingCommand;
import dev.bookwise.commands.TeamBookingCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Team bookings, decided by the members' own calendars in one transaction.
 * <p>
 * The team is locked for the write (by the executor, as a host is for its own bookings), then
 * the members' calendars it needs, all at once and in one fixed order ({@link CalendarLocks}), so
 * a team booking and an individual booking of a member, or two teams sharing a member, take their
 * turns on that member's calendar and never wait for each other in a cycle. Every calendar is
 * loaded before any of them changes, and each one checks the booking against its own bookings with
 * the rules it applies to the host's own types ({@link HostCalendar#refusal}): a collective
 * booking is appended to every member's stream in the same transaction, or to none.
 * <p>
 * A booking that no member can take is answered with its refusal rather than thrown, so that the
 * calendars it only read stay cached (a failed unit of work would drop them all).
 */
public final class TeamBookings {

    private final Supplier<Repository<HostCalendar>> calendars;
    private final Supplier<Repository<Team>> teams;
    private final CalendarLocks locks;
    private final TeamRefusals refused;

    private TeamBookings(
            Supplier<Repository<HostCalendar>> calendars,
            Supplier<Repository<Team>> teams,
            CalendarLocks locks,
            TeamRefusals refused) {
        this.calendars = calendars;
        this.teams = teams;
        this.locks = locks;
        this.refused = refused;
    }

    /**
     * Reads the calendars and teams through Axon's repositories (looked up when first needed), and
     * tells {@code refused} what it refused.
     */
    public static TeamBookings using(Configuration axon, CalendarLocks locks, TeamRefusals refused) {
        return new TeamBookings(
                () -> axon.repository(HostCalendar.class), () -> axon.repository(Team.class), locks, refused);
    }

    @CommandHandler
    TeamBookingDecision handle(ReserveTeamBookingCommand command, ReservationPolicy policy, DeadlineManager deadlines) {
        Aggregate<Team> team = team(command.teamId());
        TeamEventType teamType = team.invoke(t -> t.bookable(command.eventTypeId(), command.anonymous()));
        EventType type = teamType.eventType();
        Answers answers = Answers.check(type.questions(), command.answers());
        Metadata metadata = Metadata.check(command.metadata());
        List<TeamMember> members = team.invoke(t -> t.membersFor(teamType));
        if (members.isEmpty()) {
            return refused(ErrorCode.SLOT_UNAVAILABLE, "no member of the team takes this event type");
        }
        Map<UUID, Aggregate<HostCalendar>> loaded =
                lockAndLoad(members.stream().map(TeamMember::hostId).toList());
        Instant now = now();
        Map<UUID, BookwiseException> refusals = new LinkedHashMap<>();
        loaded.forEach((hostId, calendar) -> {
            BookwiseException refusal = calendar.invoke(c -> c.refusal(type, command.start(), now));
            if (refusal != null) {
                refusals.put(hostId, refusal);
            }
        });
        if (teamType.assignment() == Assignment.COLLECTIVE) {
            if (!refusals.isEmpty()) {
                return refuse(command, teamType, team, loaded, refusals, now);
            }
            refused.forget(command);
            List<UUID> hostIds = List.copyOf(loaded.keySet());
            List<Booking> made = new ArrayList<>();
            for (Aggregate<HostCalendar> calendar : loaded.values()) {
                made.add(calendar.invoke(
                        c -> c.reserveForTeam(command, type, answers, metadata, hostIds, policy, deadlines)));
            }
            return new TeamBookingDecision(made.get(0), null);
        }
        List<RoundRobin.Standing> free = new ArrayList<>();
        for (TeamMember member : members) {
            if (!refusals.containsKey(member.hostId())) {
                free.add(loaded.get(member.hostId()).invoke(c -> c.standing(member, type.id(), now)));
            }
        }
        if (free.isEmpty()) {
            return refuse(command, teamType, team, loaded, refusals, now);
        }
        refused.forget(command);
        UUID assigned = RoundRobin.order(free).get(0).hostId();
        return new TeamBookingDecision(
                loaded.get(assigned)
                        .invoke(c -> c.reserveForTeam(command, type, answers, metadata, null, policy, deadlines)),
                null);
    }

    private TeamBookingDecision refuse(
            ReserveTeamBookingCommand command,
            TeamEventType teamType,
            Aggregate<Team> team,
            Map<UUID, Aggregate<HostCalendar>> loaded,
            Map<UUID, BookwiseException> refusals,
            Instant now) {
        BookwiseException answer = firstOf(refusals);
        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put(command.teamId().toString(), team.version());
        loaded.forEach((hostId, calendar) -> versions.put(hostId.toString(), calendar.version()));
        refused.remember(command, teamType, versions, refusals.values(), answer, now);
        return new TeamBookingDecision(null, answer);
    }

    /** Confirm, cancel, complete, no-show or reschedule: in every calendar the booking is in, or in none. */
    @CommandHandler
    Booking handle(TeamBookingCommand command, DeadlineManager deadlines) {
        Aggregate<Team> team = team(command.teamId());
        Map<UUID, Aggregate<HostCalendar>> loaded = lockAndLoad(command.hostIds());
        UUID bookingId = bookingIdOf(command.command());
        // a booking no longer live has no type to lend: every command then refuses it by its status
        UUID typeId = loaded.values().iterator().next().invoke(c -> c.typeIdOfLive(bookingId));
        EventType type = typeId == null
                ? null
                : team.invoke(t -> t.typeOfBooking(typeId)).eventType();
        List<Booking> answers = new ArrayList<>();
        for (Aggregate<HostCalendar> calendar : loaded.values()) {
            answers.add(calendar.invoke(c -> c.withTeamType(type, () -> run(c, command.command(), deadlines))));
        }
        return answers.get(0);
    }

    /**
     * A collective booking's expiry, fired in its first calendar: the same in the other calendars, in
     * the same unit of work. They are locked already, with the first, in the order of {@link CalendarLocks}.
     */
    public void expireElsewhere(UUID bookingId, List<UUID> others) {
        for (UUID hostId : others) {
            calendars.get().load(hostId.toString()).execute(c -> c.expire(bookingId));
        }
    }

    private static UUID bookingIdOf(Object command) {
        if (command instanceof ConfirmBookingCommand confirm) {
            return confirm.bookingId();
        } else if (command instanceof CancelBookingCommand cancel) {
            return cancel.bookingId();
        } else if (command instanceof CompleteBookingCommand complete) {
            return complete.bookingId();
        } else if (command instanceof MarkNoShowCommand noShow) {
            return noShow.bookingId();
        } else if (command instanceof RescheduleBookingCommand reschedule) {
            return reschedule.bookingId();
        }
        throw new IllegalArgumentException("not a command on a booking: " + command);
    }

    private static Booking run(HostCalendar calendar, Object command, DeadlineManager deadlines) {
        if (command instanceof ConfirmBookingCommand confirm) {
            return calendar.handle(confirm, deadlines);
        } else if (command instanceof CancelBookingCommand cancel) {
            return calendar.handle(cancel, deadlines);
        } else if (command instanceof CompleteBookingCommand complete) {
            return calendar.handle(complete);
        } else if (command instanceof MarkNoShowCommand noShow) {
            return calendar.handle(noShow);
        } else if (command instanceof RescheduleBookingCommand reschedule) {
            return calendar.handle(reschedule);
        }
        throw new IllegalArgumentException("not a command on a booking: " + command);
    }

    /** Locks the calendars, then loads every one of them before any changes (in the lock order). */
    private Map<UUID, Aggregate<HostCalendar>> lockAndLoad(List<UUID> hostIds) {
        List<UUID> ordered = hostIds.stream()
                .distinct()
                .sorted(Comparator.comparing(UUID::toString))
                .toList();
        locks.lock(ordered);
        Map<UUID, Aggregate<HostCalendar>> loaded = new LinkedHashMap<>();
        for (UUID hostId : ordered) {
            try {
                loaded.put(hostId, calendars.get().load(hostId.toString()));
            } catch (AggregateNotFoundException e) {
                throw new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + hostId);
            }
        }
        return loaded;
    }

    private Aggregate<Team> team(UUID teamId) {
        try {
            return teams.get().load(teamId.toString());
        } catch (AggregateNotFoundException e) {
            throw new BookwiseException(ErrorCode.TEAM_NOT_FOUND, "no team " + teamId);
        }
    }

    /** The most telling refusal: a taken slot, then a limit, then whatever the first member said. */
    private static BookwiseException firstOf(Map<UUID, BookwiseException> refusals) {
        for (ErrorCode code : List.of(ErrorCode.SLOT_UNAVAILABLE, ErrorCode.BOOKING_LIMIT_REACHED)) {
            Optional<BookwiseException> found =
                    refusals.values().stream().filter(e -> e.code() == code).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        return refusals.values().iterator().next();
    }

    private static TeamBookingDecision refused(ErrorCode code, String detail) {
        return new TeamBookingDecision(null, new BookwiseException(code, detail));
    }

    static Instant now() {
        return GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
