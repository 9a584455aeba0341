package dev.bookwise.query.availability;

import static dev.bookwise.web.request.IdParams.uuid;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.Zones;
import dev.bookwise.calendar.teams.TeamMember;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.OfferedSlot;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.calendar.Schedules;
import dev.bookwise.query.eventtype.EventTypes;
import dev.bookwise.query.team.TeamRepository;
import dev.bookwise.web.request.TimeParams;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Public: which starts can be booked now, for one date or a range of dates read in {@code timezone}.
 * Without {@code eventTypeId}, the host's default schedule and windows exactly as before event types;
 * with it, that type's slots (the default type's id gives the same starts). An archived type offers
 * no slots (200 with an empty list, as it takes no bookings); an unknown one is 404. With {@code teamId}
 * (and a team type's {@code eventTypeId}, required), the team's starts: a round-robin type's when at
 * least one member is free, a collective type's when every member is.
 */
@Service
public class AvailabilityReads {

    static final int MAX_DAYS = 62;
    /**
     * Instants as ISO text in UTC; {@code localStart} is the start in the requested zone;
     * {@code seatsLeft} only on a seated type's slots.
     */
    public record SlotView(
            String start,
            String end,
            String localStart,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer seatsLeft) {}

    /** {@code hostId} for a host's availability, {@code teamId} for a team's. */
    public record Availability(
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID hostId,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID teamId,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID eventTypeId,
            String timezone,
            LocalDate from,
            LocalDate to,
            List<SlotView> slots) {}

    private final AvailabilityService availability;
    private final EventTypes eventTypes;
    private final Schedules schedules;
    private final TeamRepository teams;
    private final Clock clock = Clock.systemUTC();

    AvailabilityReads(
            AvailabilityService availability, EventTypes eventTypes, Schedules schedules, TeamRepository teams) {
        this.availability = availability;
        this.eventTypes = eventTypes;
        this.schedules = schedules;
        this.teams = teams;
    }

    /**
     * The parameters as the caller wrote them (each may be null): checked here, so that every API
     * that offers availability refuses the same requests with the same problems.
     */
    public Availability availability(
            String hostId, String teamId, String eventTypeId, String date, String from, String to, String timezone) {
        if (hostId != null && teamId != null) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give hostId or teamId, not both");
        }
        UUID host = teamId != null ? null : uuid("hostId", hostId);
        UUID team = teamId == null ? null : uuid("teamId", teamId);
        UUID typeId = eventTypeId == null ? null : uuid("eventTypeId", eventTypeId);
        if (team != null && typeId == null) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "eventTypeId is required with teamId");
        }
        if (timezone != null && !Zones.isKnown(timezone)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "unknown timezone '" + timezone + "'");
        }
        LocalDate first;
        LocalDate last;
        if (date != null) {
            if (from != null || to != null) {
                throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give date, or from and to, not both");
            }
            first = date("date", date);
            last = first;
        } else if (from != null && to != null) {
            first = date("from", from);
            last = date("to", to);
            if (last.isBefore(first)) {
                throw new BookwiseException(ErrorCode.INVALID_RANGE, "to is before from");
            }
            if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
                throw new BookwiseException(ErrorCode.INVALID_RANGE, "a range may span at most " + MAX_DAYS + " days");
            }
        } else {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give date, or from and to");
        }
        if (team != null) {
            return teamAvailability(team, typeId, timezone, first, last);
        }
        AvailabilityService.HostSchedule calendar = availability
                .hostSchedule(host)
                .orElseThrow(() -> new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + host));
        ZoneId zone = ZoneId.of(timezone == null ? calendar.timeZone() : timezone);
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        ZoneRules rules = zone.getRules();
        if (typeId != null) {
            return new Availability(
                    host,
                    null,
                    typeId,
                    zone.getId(),
                    first,
                    last,
                    typeSlots(host, typeId, calendar, start, end, rules));
        }
        List<SlotView> slots = availability.freeSlots(host, calendar.schedule(), start, end, clock.instant()).stream()
                .map(slot -> new SlotView(
                        SlotText.utc(slot.start()),
                        SlotText.utc(slot.end()),
                        SlotText.local(slot.start(), rules),
                        null))
                .toList();
        return new Availability(host, null, null, zone.getId(), first, last, slots);
    }

    /**
     * A team type's starts: each member's, as its own calendar takes the type, combined by the
     * type's assignment. Dates are read in {@code timezone}, UTC when not given (a team has no zone of its own).
     */
    private Availability teamAvailability(UUID team, UUID typeId, String timezone, LocalDate first, LocalDate last) {
        List<TeamMember> members = teams.members(team)
                .orElseThrow(() -> new BookwiseException(ErrorCode.TEAM_NOT_FOUND, "no team " + team));
        TeamRepository.KnownType known = teams.eventType(team, typeId)
                .orElseThrow(() -> new BookwiseException(
                        ErrorCode.EVENT_TYPE_NOT_FOUND, "team " + team + " has no event type " + typeId));
        ZoneId zone = ZoneId.of(timezone == null ? "UTC" : timezone);
        if (known.archived()) {
            // as a host's archived type: it takes no bookings, so it offers no slots
            return new Availability(null, team, typeId, zone.getId(), first, last, List.of());
        }
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        EventType type = known.type().eventType();
        List<List<OfferedSlot>> perMember =
                availability.membersSlots(known.type().hostsAmong(members), type, start, end, now);
        List<SlotView> slots = views(TeamSlots.combine(known.type().assignment(), perMember), type, zone.getRules());
        return new Availability(null, team, typeId, zone.getId(), first, last, slots);
    }

    private List<SlotView> typeSlots(
            UUID host,
            UUID typeId,
            AvailabilityService.HostSchedule calendar,
            Instant start,
            Instant end,
            ZoneRules rules) {
        EventTypes.Known known = eventTypes
                .find(host, typeId, calendar::schedule)
                .orElseThrow(() -> new BookwiseException(
                        ErrorCode.EVENT_TYPE_NOT_FOUND, "host " + host + " has no event type " + typeId));
        if (known.archived()) {
            return List.of();
        }
        EventType type = known.type();
        Optional<Schedule> schedule =
                type.scheduleId() == null ? Optional.of(calendar.schedule()) : schedules.named(host, type.scheduleId());
        if (schedule.isEmpty()) {
            // a type whose schedule this read model does not know (yet) offers nothing
            return List.of();
        }
        List<AvailabilityWindow> windows =
                type.id().equals(EventType.defaultIdFor(host)) ? availability.windows(host, start, end) : List.of();
        return views(
                availability.freeSlots(host, type, schedule.get(), windows, start, end, clock.instant()), type, rules);
    }

    /** A type's offered slots as the answer lists them: {@code seatsLeft} only for a seated type. */
    private static List<SlotView> views(List<OfferedSlot> slots, EventType type, ZoneRules rules) {
        return slots.stream()
                .map(slot -> new SlotView(
                        SlotText.utc(slot.start()),
                        SlotText.utc(slot.end()),
                        SlotText.local(slot.start(), rules),
                        type.seated() ? slot.seatsLeft() : null))
                .toList();
    }

    private static LocalDate date(String name, String value) {
        return TimeParams.date(name, value);
    }

    /** A request's parameters as the client wrote them (null: absent), for the live stream and socket. */
    public record Params(
            String hostId, String teamId, String eventTypeId, String date, String from, String to, String timezone) {}

    /**
     * What {@code GET /api/availability} answers for {@code params} (the live stream and socket send
     * exactly this): validation and problems included.
     */
    public Availability read(Params params) {
        return availability(
                params.hostId(),
                params.teamId(),
                params.eventTypeId(),
                params.date(),
                params.from(),
                params.to(),
                params.timezone());
    }
}
