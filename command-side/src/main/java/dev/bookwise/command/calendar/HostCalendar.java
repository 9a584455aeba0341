package dev.bookwise.command.calendar;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Booking;
import dev.bookwise.calendar.BookingStatus;
import dev.bookwise.calendar.BusyInterval;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.Zones;
import dev.bookwise.calendar.teams.RoundRobin;
import dev.bookwise.calendar.teams.TeamMember;
import dev.bookwise.calendar.types.Answers;
import dev.bookwise.calendar.types.AttendeeCutoff;
import dev.bookwise.calendar.types.BookingCounts;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.EventTypeOffer;
import dev.bookwise.calendar.types.LiveBooking;
import dev.bookwise.calendar.types.LiveBookings;
import dev.bookwise.calendar.types.Metadata;
import dev.bookwise.calendar.types.OfferedSlot;
import dev.bookwise.commands.ArchiveEventTypeCommand;
import dev.bookwise.commands.CancelBookingCommand;
import dev.bookwise.commands.CompleteBookingCommand;
import dev.bookwise.commands.ConfirmBookingCommand;
import dev.bookwise.commands.ConnectBusySourceCommand;
import dev.bookwise.commands.DefineEventTypeCommand;
import dev.bookwise.commands.DefineScheduleCommand;
import dev.bookwise.commands.DescribeCalendarCommand;
import dev.bookwise.commands.MarkNoShowCommand;
import dev.bookwise.commands.MergeAvailabilityWindowCommand;
import dev.bookwise.commands.RegisterHostCommand;
import dev.bookwise.commands.RemoveBusySourceCommand;
import dev.bookwise.commands.RescheduleBookingCommand;
import dev.bookwise.commands.ReserveBookingCommand;
import dev.bookwise.commands.ReserveTeamBookingCommand;
import dev.bookwise.commands.SyncBusyTimesCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingMarkedNoShow;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.BusySourceConnected;
import dev.bookwise.events.BusySourceRemoved;
import dev.bookwise.events.EventTypeArchived;
import dev.bookwise.events.EventTypeDefined;
import dev.bookwise.events.ExternalBusyTimesSynced;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One host's calendar: its schedule, its one-off windows and its open bookings. Every booking is
 * decided here against this stream alone. Bookings leave the state once they are cancelled,
 * expired or completed; the snapshot (every {@value dev.bookwise.command.config.CalendarConfig#SNAPSHOT_EVERY} events) holds
 * only what is left.
 */
@Aggregate(snapshotTriggerDefinition = "hostCalendarSnapshotTrigger", cache = "calendarCache")
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class HostCalendar {

    static final String RESERVATION_EXPIRY = "reservation-expiry";

    @AggregateIdentifier
    private UUID hostId;

    private Schedule schedule;
    private List<AvailabilityWindow> windows = new ArrayList<>();
    private Map<UUID, OpenBooking> open = new HashMap<>();
    /** Named schedules by id (the default schedule is {@link #schedule}). */
    private Map<UUID, Schedule> schedules = new HashMap<>();
    /** Event types defined by the host (the default type follows the default schedule). */
    private Map<UUID, EventType> eventTypes = new LinkedHashMap<>();

    private Set<UUID> archivedTypes = new HashSet<>();
    /** Bookings per type and date that count towards limits (completed ones too, which leave {@link #open}). */
    private BookingCounts counts = BookingCounts.NONE;
    /**
     * Team bookings of the last {@value RoundRobin#WINDOW_DAYS} days by team event type: when each
     * was made. Round-robin assignment weighs members by them; cancelled and expired ones leave.
     */
    private Map<UUID, Map<UUID, Instant>> teamBooked = new HashMap<>();

    /** Busy times of the host's own calendars, by connected source: taken time like a booking's. */
    private Map<UUID, Set<BusyInterval>> busy = new HashMap<>();

    /** A team's type, lent by {@link TeamBookings} for the one command it runs here. */
    @JsonIgnore
    private transient EventType lentType;

    @JsonIgnore
    private transient LiveBookings live;

    protected HostCalendar() {}

    @CommandHandler
    HostCalendar(RegisterHostCommand command) {
        Zones.parse(command.timeZone(), ErrorCode.INVALID_TIME_ZONE);
        apply(new HostRegistered(
                command.hostId(), command.name(), command.email(), command.timeZone(), command.apiKeySha256()));
    }

    @CommandHandler
    Schedule handle(DefineScheduleCommand command) {
        command.schedule().validate();
        if (command.scheduleId() != null) {
            boolean known = schedules.containsKey(command.scheduleId());
            if (command.create() == known) {
                throw known
                        ? new BookwiseException(
                                ErrorCode.INVALID_REQUEST, "schedule " + command.scheduleId() + " exists already")
                        : new BookwiseException(ErrorCode.NOT_FOUND, "no schedule " + command.scheduleId());
            }
        }
        apply(new ScheduleDefined(hostId, command.schedule(), command.scheduleId(), command.name()));
        return command.scheduleId() == null ? schedule : schedules.get(command.scheduleId());
    }

    @CommandHandler
    EventType handle(DefineEventTypeCommand command) {
        EventType type = command.eventType();
        type.validate();
        UUID defaultId = EventType.defaultIdFor(hostId);
        if (defaultId.equals(type.id())) {
            throw new BookwiseException(
                    ErrorCode.INVALID_EVENT_TYPE,
                    "the default event type follows the default schedule: PUT /api/hosts/" + hostId + "/schedule");
        }
        boolean known = eventTypes.containsKey(type.id());
        if (!command.create() && !known) {
            throw new BookwiseException(ErrorCode.EVENT_TYPE_NOT_FOUND, "no event type " + type.id());
        }
        if (command.create() && known) {
            throw new BookwiseException(ErrorCode.INVALID_EVENT_TYPE, "event type " + type.id() + " exists already");
        }
        if (archivedTypes.contains(type.id())) {
            throw new BookwiseException(ErrorCode.EVENT_TYPE_ARCHIVED, "event type " + type.id() + " is archived");
        }
        boolean slugTaken = EventType.DEFAULT_SLUG.equals(type.slug())
                || eventTypes.values().stream()
                        .anyMatch(other ->
                                !other.id().equals(type.id()) && other.slug().equals(type.slug()));
        if (slugTaken) {
            throw new BookwiseException(
                    ErrorCode.SLUG_TAKEN, "this host already has an event type '" + type.slug() + "'");
        }
        if (type.scheduleId() != null && !schedules.containsKey(type.scheduleId())) {
            throw new BookwiseException(ErrorCode.INVALID_EVENT_TYPE, "scheduleId: no schedule " + type.scheduleId());
        }
        apply(new EventTypeDefined(hostId, type));
        return type;
    }

    @CommandHandler
    EventType handle(ArchiveEventTypeCommand command) {
        EventType type = eventTypes.get(command.eventTypeId());
        if (type == null) {
            throw new BookwiseException(
                    EventType.defaultIdFor(hostId).equals(command.eventTypeId())
                            ? ErrorCode.INVALID_EVENT_TYPE
                            : ErrorCode.EVENT_TYPE_NOT_FOUND,
                    EventType.defaultIdFor(hostId).equals(command.eventTypeId())
                            ? "the default event type cannot be archived"
                            : "no event type " + command.eventTypeId());
        }
        if (!archivedTypes.contains(type.id())) {
            apply(new EventTypeArchived(hostId, type.id()));
        }
        return type;
    }

    @CommandHandler
    DescribeCalendarCommand.Outline handle(DescribeCalendarCommand command) {
        int horizon =
                EventType.defaultFor(EventType.defaultIdFor(hostId), schedule).horizonDays();
        for (EventType type : eventTypes.values()) {
            if (!archivedTypes.contains(type.id())) {
                horizon = Math.max(horizon, type.horizonDays());
            }
        }
        return new DescribeCalendarCommand.Outline(schedule.zone().getId(), horizon);
    }

    @CommandHandler
    UUID handle(ConnectBusySourceCommand command) {
        if (!busy.containsKey(command.sourceId())) {
            apply(new BusySourceConnected(hostId, command.sourceId(), command.type(), command.server()));
        }
        return command.sourceId();
    }

    @CommandHandler
    UUID handle(RemoveBusySourceCommand command) {
        if (!busy.containsKey(command.sourceId())) {
            throw new BookwiseException(ErrorCode.NOT_FOUND, "no busy source " + command.sourceId());
        }
        apply(new BusySourceRemoved(hostId, command.sourceId()));
        return command.sourceId();
    }

    /** Records what changed since the source's last sync; the same busy times append nothing. @return the busy count */
    @CommandHandler
    int handle(SyncBusyTimesCommand command) {
        Set<BusyInterval> known = busy.get(command.sourceId());
        if (known == null) {
            throw new BookwiseException(ErrorCode.NOT_FOUND, "no busy source " + command.sourceId());
        }
        SortedSet<BusyInterval> now = new TreeSet<>(command.intervals());
        SortedSet<BusyInterval> before = new TreeSet<>(known);
        List<BusyInterval> added = now.stream().filter(i -> !before.contains(i)).toList();
        List<BusyInterval> removed =
                before.stream().filter(i -> !now.contains(i)).toList();
        if (!added.isEmpty() || !removed.isEmpty()) {
            apply(new ExternalBusyTimesSynced(hostId, command.sourceId(), added, removed));
        }
        return now.size();
    }

    @CommandHandler
    AvailabilityWindow handle(MergeAvailabilityWindowCommand command) {
        AvailabilityWindow requested = command.window();
        requested.validate();
        List<AvailabilityWindow> absorbed = new ArrayList<>();
        AvailabilityWindow merged = requested;
        for (AvailabilityWindow existing : windows) {
            if (existing.slotDuration() != requested.slotDuration()) {
                throw new BookwiseException(
                        ErrorCode.SLOT_DURATION_MISMATCH,
                        "this host's windows use " + existing.slotDuration() + "-minute slots, not "
                                + requested.slotDuration());
            }
            if (existing.overlapsOrTouches(requested)) {
                absorbed.add(existing);
                merged = merged.span(existing);
            }
        }
        apply(new AvailabilityWindowMerged(hostId, requested, merged, absorbed));
        return merged;
    }

    @CommandHandler
    Booking handle(ReserveBookingCommand command, ReservationPolicy policy, DeadlineManager deadlines) {
        Instant now = now();
        if (command.anonymous()) {
            // without a key: the same answer for every type that is not public and live, so that
            // nobody learns which private or archived types a host has
            EventType candidate = command.eventTypeId() == null ? null : eventTypes.get(command.eventTypeId());
            if (candidate == null || !candidate.isPublic() || archivedTypes.contains(candidate.id())) {
                throw new BookwiseException(
                        ErrorCode.UNAUTHENTICATED, "booking this event type needs the host's key (it is not public)");
            }
        }
        EventType type = typeOf(command.eventTypeId());
        if (archivedTypes.contains(type.id())) {
            throw new BookwiseException(ErrorCode.EVENT_TYPE_ARCHIVED, "event type " + type.id() + " is archived");
        }
        Answers answers = Answers.check(type.questions(), command.answers());
        Metadata metadata = Metadata.check(command.metadata());
        return reserve(
                command.bookingId(),
                command.start(),
                command.attendee(),
                type,
                answers,
                metadata,
                command.manageTokenSha256(),
                null,
                null,
                now,
                policy,
                deadlines);
    }

    /**
     * The one way a booking is taken here, a host's own or a team's: the type's offer checks the start
     * against this calendar, the expiry is scheduled (a collective booking's in its first member's
     * calendar only), and {@code BookingReserved} is applied.
     */
    private Booking reserve(
            UUID bookingId,
            Instant start,
            Attendee attendee,
            EventType type,
            Answers answers,
            Metadata metadata,
            String manageTokenSha256,
            UUID teamId,
            List<UUID> hostIds,
            Instant now,
            ReservationPolicy policy,
            DeadlineManager deadlines) {
        OfferedSlot slot = offerFor(type).check(start, now, null);
        Instant expiresAt = now.plus(policy.ttl());
        boolean schedulesExpiry = hostIds == null || hostIds.get(0).equals(hostId);
        String deadlineId = schedulesExpiry
                ? deadlines.schedule(expiresAt, RESERVATION_EXPIRY, new ReservationExpiryDue(bookingId, hostId))
                : null;
        apply(new BookingReserved(
                bookingId,
                hostId,
                slot.start(),
                slot.end(),
                type.bufferBeforeMinutes(),
                type.bufferAfterMinutes(),
                attendee,
                expiresAt,
                deadlineId,
                type.id(),
                answers.values(),
                metadata.values(),
                manageTokenSha256,
                teamId,
                hostIds));
        return open.get(bookingId).view(hostId, answers.values(), metadata.values());
    }

    @CommandHandler
    Booking handle(ConfirmBookingCommand command, DeadlineManager deadlines) {
        OpenBooking booking = requireStatus(command.bookingId(), BookingStatus.CONFIRMED, BookingStatus.RESERVED);
        cancelExpiry(booking, deadlines);
        apply(new BookingConfirmed(booking.bookingId(), hostId, command.reason()));
        return open.get(booking.bookingId()).view(hostId);
    }

    @CommandHandler
    Booking handle(CancelBookingCommand command, DeadlineManager deadlines) {
        OpenBooking booking = requireStatus(
                command.bookingId(), BookingStatus.CANCELLED, BookingStatus.RESERVED, BookingStatus.CONFIRMED);
        if (command.byAttendee()) {
            AttendeeCutoff.checkCancel(typeOf(booking.eventTypeId()), booking.start(), now());
        }
        if (booking.status() == BookingStatus.RESERVED) {
            cancelExpiry(booking, deadlines);
        }
        apply(new BookingCancelled(booking.bookingId(), hostId, command.reason()));
        return booking.withStatus(BookingStatus.CANCELLED).view(hostId);
    }

    @CommandHandler
    Booking handle(CompleteBookingCommand command) {
        OpenBooking booking = requireStatus(command.bookingId(), BookingStatus.COMPLETED, BookingStatus.CONFIRMED);
        if (booking.end().isAfter(now())) {
            throw new BookwiseException(
                    ErrorCode.INVALID_TRANSITION,
                    "booking " + booking.bookingId() + " cannot be completed before it ends at " + booking.end());
        }
        apply(new BookingCompleted(booking.bookingId(), hostId, command.reason()));
        return booking.withStatus(BookingStatus.COMPLETED).view(hostId);
    }

    @CommandHandler
    Booking handle(MarkNoShowCommand command) {
        OpenBooking booking = requireStatus(command.bookingId(), BookingStatus.NO_SHOW, BookingStatus.CONFIRMED);
        if (!booking.start().isBefore(now())) {
            throw new BookwiseException(
                    ErrorCode.INVALID_TRANSITION,
                    "booking " + booking.bookingId() + " cannot be marked a no-show before it starts at "
                            + booking.start());
        }
        apply(new BookingMarkedNoShow(booking.bookingId(), hostId, command.reason()));
        return booking.withStatus(BookingStatus.NO_SHOW).view(hostId);
    }

    @CommandHandler
    Booking handle(RescheduleBookingCommand command) {
        OpenBooking booking = open.get(command.bookingId());
        if (booking == null) {
            throw new BookwiseException(
                    ErrorCode.INVALID_TRANSITION,
                    "booking " + command.bookingId() + " is no longer live and cannot be rescheduled");
        }
        // the booking keeps its type, archived or not; the type's current duration and buffers apply
        EventType type = typeOf(booking.eventTypeId());
        Instant now = now();
        if (command.byAttendee()) {
            AttendeeCutoff.checkReschedule(type, booking.start(), now);
        }
        OfferedSlot slot = offerFor(type).check(command.start(), now, booking.bookingId());
        apply(new BookingRescheduled(
                booking.bookingId(),
                hostId,
                booking.start(),
                booking.end(),
                slot.start(),
                slot.end(),
                type.bufferBeforeMinutes(),
                type.bufferAfterMinutes()));
        return open.get(booking.bookingId()).view(hostId);
    }

    /**
     * A collective booking's expiry is scheduled in its first member's calendar only; the same unit of
     * work expires it in the other members' calendars ({@link TeamBookings#expireElsewhere}).
     */
    @DeadlineHandler(deadlineName = RESERVATION_EXPIRY)
    void on(ReservationExpiryDue due) {
        expire(due.bookingId());
    }

    /** Expires the booking here if it is still reserved. */
    void expire(UUID bookingId) {
        OpenBooking booking = open.get(bookingId);
        if (booking != null && booking.status() == BookingStatus.RESERVED) {
            apply(new BookingExpired(booking.bookingId(), hostId, booking.expiresAt()));
        }
    }

    /**
     * Why a booking of a team's type at {@code start} would be refused here, or null if this calendar
     * takes it: the same rules as the host's own types (the team type uses the default schedule).
     */
    BookwiseException refusal(EventType type, Instant start, Instant now) {
        try {
            // a team's type has no schedule of its own: the default one, as offerFor gives it
            offerFor(type).check(start, now, null);
            return null;
        } catch (BookwiseException e) {
            return e;
        }
    }

    /** This member's standing for a round-robin type: its bookings of the type in the window, and the latest. */
    RoundRobin.Standing standing(TeamMember member, UUID eventTypeId, Instant now) {
        Instant since = now.minus(RoundRobin.WINDOW_DAYS, ChronoUnit.DAYS);
        Map<UUID, Instant> booked = teamBooked.getOrDefault(eventTypeId, Map.of());
        int recent = 0;
        Instant last = null;
        for (Instant at : booked.values()) {
            if (!at.isBefore(since)) {
                recent++;
                last = last == null || at.isAfter(last) ? at : last;
            }
        }
        return new RoundRobin.Standing(member.hostId(), member.weight(), member.priority(), recent, last);
    }

    /**
     * Takes a team booking here, which {@link #refusal} has accepted. {@code hostIds}: every member of
     * a collective booking (null for round robin); only the first schedules the expiry.
     */
    Booking reserveForTeam(
            ReserveTeamBookingCommand command,
            EventType type,
            Answers answers,
            Metadata metadata,
            List<UUID> hostIds,
            ReservationPolicy policy,
            DeadlineManager deadlines) {
        return reserve(
                command.bookingId(),
                command.start(),
                command.attendee(),
                type,
                answers,
                metadata,
                command.manageTokenSha256(),
                command.teamId(),
                hostIds,
                now(),
                policy,
                deadlines);
    }

    /** The type of a live booking here (null: the booking is not live here). */
    UUID typeIdOfLive(UUID bookingId) {
        OpenBooking booking = open.get(bookingId);
        return booking == null ? null : typeIdOf(booking);
    }

    /** Runs one command here with a team's type known, for a team booking that lives in this calendar. */
    <T> T withTeamType(EventType type, Supplier<T> command) {
        lentType = type;
        try {
            return command.get();
        } finally {
            lentType = null;
        }
    }

    private static void cancelExpiry(OpenBooking booking, DeadlineManager deadlines) {
        // a collective booking's other calendars have no deadline of their own
        if (booking.expiryDeadlineId() != null) {
            deadlines.cancelSchedule(RESERVATION_EXPIRY, booking.expiryDeadlineId());
        }
    }

    private OpenBooking requireStatus(UUID bookingId, BookingStatus target, BookingStatus... allowedFrom) {
        OpenBooking booking = open.get(bookingId);
        // bookings that reached a final status have left the state; the booking directory knows they exist
        BookingStatus current = booking == null ? null : booking.status();
        for (BookingStatus allowed : allowedFrom) {
            if (allowed == current) {
                return booking;
            }
        }
        throw new BookwiseException(
                ErrorCode.INVALID_TRANSITION,
                "booking " + bookingId + " cannot become " + target
                        + (current == null ? " after it was cancelled, expired or completed" : " from " + current));
    }

    private static Instant now() {
        // Axon's clock: the wall clock in production, the fixture's clock in tests; milliseconds,
        // as event timestamps and PostgreSQL keep them, so stored and returned instants agree
        return GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The type with this id (null: the default type), archived or not. */
    private EventType typeOf(UUID eventTypeId) {
        return findType(eventTypeId)
                .orElseThrow(
                        () -> new BookwiseException(ErrorCode.EVENT_TYPE_NOT_FOUND, "no event type " + eventTypeId));
    }

    /** The type with this id (null: the default type), archived or not, if the host has it. */
    private Optional<EventType> findType(UUID eventTypeId) {
        UUID defaultId = EventType.defaultIdFor(hostId);
        if (eventTypeId == null || eventTypeId.equals(defaultId)) {
            return Optional.of(EventType.defaultFor(defaultId, schedule));
        }
        if (lentType != null && lentType.id().equals(eventTypeId)) {
            return Optional.of(lentType);
        }
        return Optional.ofNullable(eventTypes.get(eventTypeId));
    }

    private Schedule scheduleOf(EventType type) {
        return type.scheduleId() == null ? schedule : schedules.get(type.scheduleId());
    }

    /** The one decision for every type: the default type also takes the host's one-off windows. */
    private EventTypeOffer offerFor(EventType type) {
        boolean isDefault = type.id().equals(EventType.defaultIdFor(hostId));
        return new EventTypeOffer(type, scheduleOf(type), isDefault ? windows : List.of(), live(), counts);
    }

    private LiveBookings live() {
        if (live == null) {
            live = new LiveBookings();
            open.values().forEach(b -> live.add(liveBooking(b)));
            busy.forEach((source, intervals) -> intervals.forEach(i -> live.add(i.asLiveBooking(source))));
        }
        return live;
    }

    private LiveBooking liveBooking(OpenBooking booking) {
        return new LiveBooking(
                booking.bookingId(),
                typeIdOf(booking),
                booking.start(),
                booking.end(),
                booking.bufferBeforeMinutes(),
                booking.bufferAfterMinutes());
    }

    /** The date a booking of this type starting then counts on, in its schedule's zone (null: type unknown). */
    private LocalDate countedOn(UUID eventTypeId, Instant start) {
        Schedule zoneOf = findType(eventTypeId).map(this::scheduleOf).orElse(schedule);
        return start.atZone(zoneOf.zone()).toLocalDate();
    }

    @EventSourcingHandler
    void on(HostRegistered event) {
        hostId = event.hostId();
        schedule = Schedule.initial(event.timeZone());
    }

    @EventSourcingHandler
    void on(ScheduleDefined event) {
        if (event.isDefault()) {
            schedule = event.schedule();
        } else {
            schedules.put(event.scheduleId(), event.schedule());
        }
    }

    @EventSourcingHandler
    void on(EventTypeDefined event) {
        eventTypes.put(event.eventType().id(), event.eventType());
    }

    @EventSourcingHandler
    void on(EventTypeArchived event) {
        archivedTypes.add(event.eventTypeId());
    }

    @EventSourcingHandler
    void on(BusySourceConnected event) {
        busy.putIfAbsent(event.sourceId(), new HashSet<>());
    }

    @EventSourcingHandler
    void on(ExternalBusyTimesSynced event) {
        Set<BusyInterval> intervals = busy.computeIfAbsent(event.sourceId(), id -> new HashSet<>());
        for (BusyInterval gone : event.removed()) {
            intervals.remove(gone);
            live().remove(gone.asLiveBooking(event.sourceId()).bookingId());
        }
        for (BusyInterval taken : event.added()) {
            intervals.add(taken);
            live().add(taken.asLiveBooking(event.sourceId()));
        }
    }

    @EventSourcingHandler
    void on(BusySourceRemoved event) {
        Set<BusyInterval> intervals = busy.remove(event.sourceId());
        if (intervals != null) {
            intervals.forEach(
                    i -> live().remove(i.asLiveBooking(event.sourceId()).bookingId()));
        }
    }

    @EventSourcingHandler
    void on(AvailabilityWindowMerged event) {
        windows.removeAll(event.absorbed());
        windows.add(event.window());
    }

    @EventSourcingHandler
    void on(BookingReserved event, @Timestamp Instant at) {
        LocalDate countedOn = countedOn(event.eventTypeId(), event.start());
        OpenBooking booking = new OpenBooking(
                event.bookingId(),
                BookingStatus.RESERVED,
                event.start(),
                event.end(),
                event.bufferBeforeMinutes(),
                event.bufferAfterMinutes(),
                event.attendee(),
                event.expiresAt(),
                event.expiryDeadlineId(),
                event.eventTypeId(),
                countedOn,
                event.teamId(),
                event.hostIds());
        open.put(booking.bookingId(), booking);
        if (event.teamId() != null && event.eventTypeId() != null) {
            Instant since = at.minus(RoundRobin.WINDOW_DAYS, ChronoUnit.DAYS);
            Map<UUID, Instant> booked = teamBooked.computeIfAbsent(event.eventTypeId(), id -> new HashMap<>());
            booked.values().removeIf(bookedAt -> bookedAt.isBefore(since));
            booked.put(event.bookingId(), at);
        }
        live().add(liveBooking(booking));
        // dates a week before the event can no longer take a booking: their counts are not needed
        counts = counts.plus(typeIdOf(booking), countedOn)
                .withoutDatesBefore(at.atZone(ZoneOffset.UTC).toLocalDate().minusDays(8));
    }

    @EventSourcingHandler
    void on(BookingConfirmed event) {
        open.computeIfPresent(event.bookingId(), (id, booking) -> booking.withStatus(BookingStatus.CONFIRMED));
    }

    @EventSourcingHandler
    void on(BookingRescheduled event) {
        OpenBooking booking = open.get(event.bookingId());
        LocalDate countedOn = countedOn(booking.eventTypeId(), event.start());
        OpenBooking moved = booking.movedTo(
                event.start(), event.end(), event.bufferBeforeMinutes(), event.bufferAfterMinutes(), countedOn);
        open.put(moved.bookingId(), moved);
        live().add(liveBooking(moved));
        if (booking.countedOn() != null) {
            counts = counts.minus(typeIdOf(booking), booking.countedOn());
        }
        counts = counts.plus(typeIdOf(moved), countedOn);
    }

    @EventSourcingHandler
    void on(BookingMarkedNoShow event) {
        // the member was booked: round robin still counts it
        close(event.bookingId(), true, false);
    }

    @EventSourcingHandler
    void on(BookingCancelled event) {
        close(event.bookingId(), true, true);
    }

    @EventSourcingHandler
    void on(BookingExpired event) {
        close(event.bookingId(), true, true);
    }

    @EventSourcingHandler
    void on(BookingCompleted event) {
        // a completed booking still counts towards its type's limits
        close(event.bookingId(), false, false);
    }

    private void close(UUID bookingId, boolean uncount, boolean unassign) {
        OpenBooking booking = open.remove(bookingId);
        if (booking != null) {
            live().remove(bookingId);
            if (uncount && booking.countedOn() != null) {
                counts = counts.minus(typeIdOf(booking), booking.countedOn());
            }
            if (unassign && booking.teamId() != null) {
                Map<UUID, Instant> booked = teamBooked.get(booking.eventTypeId());
                if (booked != null) {
                    booked.remove(bookingId);
                }
            }
        }
    }

    private UUID typeIdOf(OpenBooking booking) {
        return booking.eventTypeId() == null ? EventType.defaultIdFor(hostId) : booking.eventTypeId();
    }
}
