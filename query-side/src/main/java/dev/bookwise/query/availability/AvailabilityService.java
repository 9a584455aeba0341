package dev.bookwise.query.availability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.BusyInterval;
import dev.bookwise.calendar.Occupancy;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.Slot;
import dev.bookwise.calendar.SlotGrid;
import dev.bookwise.calendar.SlotOffer;
import dev.bookwise.calendar.types.BookingCounts;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.EventTypeOffer;
import dev.bookwise.calendar.types.LiveBooking;
import dev.bookwise.calendar.types.LiveBookings;
import dev.bookwise.calendar.types.OfferedSlot;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Free slots from the read model, decided by the same {@link SlotOffer} the aggregate decides
 * bookings with: schedule (or the initial one), windows, and the live bookings near the range. Slots
 * of one event type are decided by the same {@link EventTypeOffer} the aggregate decides that
 * type's bookings with: the live bookings of every type near the range and, for a type with limits,
 * its bookings that count in the weeks the range touches. A host's bookings include the collective
 * bookings it is a member of. A team's type is offered by each member as the member's own calendar
 * would take it ({@link #membersSlots}), combined by {@link TeamSlots}.
 */
@Service
class AvailabilityService {

    record HostSchedule(String timeZone, Schedule schedule) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AvailabilityService(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The host's zone and schedule (the initial one if it has defined none), or empty for an unknown host. */
    Optional<HostSchedule> hostSchedule(UUID hostId) {
        return jdbc
                .query(
                        "SELECT h.time_zone, s.schedule::text FROM host_view h "
                                + "LEFT JOIN schedule_view s ON s.host_id = h.host_id WHERE h.host_id = ?",
                        (rs, i) -> new HostSchedule(
                                rs.getString(1),
                                rs.getString(2) == null ? Schedule.initial(rs.getString(1)) : read(rs.getString(2))),
                        hostId)
                .stream()
                .findFirst();
    }

    List<Slot> freeSlots(UUID hostId, Schedule schedule, Instant from, Instant to, Instant now) {
        List<AvailabilityWindow> windows = windows(hostId, from, to);
        int longestSlot = Math.max(
                schedule.slotMinutes(),
                windows.stream()
                        .mapToInt(AvailabilityWindow::slotDuration)
                        .max()
                        .orElse(0));
        // a slot starting in [from, to) occupies at most [from - bufferBefore, to + longest slot + bufferAfter)
        Instant lower = from.minus(schedule.bufferBefore());
        Instant upper = to.plus(Duration.ofMinutes(longestSlot)).plus(schedule.bufferAfter());
        Occupancy occupancy = new Occupancy();
        jdbc.query(
                ofHost(
                        "b.booking_id, lower(b.occupied), upper(b.occupied)",
                        "b.status IN ('RESERVED', 'CONFIRMED') AND b.occupied && tstzrange(?, ?)"),
                rs -> {
                    occupancy.add(
                            rs.getObject(1, UUID.class),
                            rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant());
                },
                hostId,
                Timestamp.from(lower),
                Timestamp.from(upper),
                hostId,
                Timestamp.from(lower),
                Timestamp.from(upper));
        busyTimes(
                List.of(hostId),
                lower,
                upper,
                (host, busy) -> occupancy.add(busy.bookingId(), busy.start(), busy.end()));
        return new SlotOffer(new SlotGrid(schedule, windows), occupancy).available(from, to, now);
    }

    /**
     * The starts of {@code type} in {@code [from, to)} that its offer accepts at {@code now}.
     *
     * @param schedule the type's schedule (its zone and hours)
     * @param windows the host's windows for its default type, else none
     */
    List<OfferedSlot> freeSlots(
            UUID hostId,
            EventType type,
            Schedule schedule,
            List<AvailabilityWindow> windows,
            Instant from,
            Instant to,
            Instant now) {
        int longestSlot = Math.max(
                type.durationMinutes(),
                windows.stream()
                        .mapToInt(AvailabilityWindow::slotDuration)
                        .max()
                        .orElse(0));
        // a slot starting in [from, to) occupies at most [from - bufferBefore, to + longest slot + bufferAfter)
        Instant lower = from.minus(type.bufferBefore());
        Instant upper = to.plus(Duration.ofMinutes(longestSlot)).plus(type.bufferAfter());
        LiveBookings live = liveBookings(List.of(hostId), lower, upper).get(hostId);
        BookingCounts counts = type.limits().perDay() == null && type.limits().perWeek() == null
                ? BookingCounts.NONE
                : counts(hostId, type, schedule.zone(), from, to);
        return new EventTypeOffer(type, schedule, windows, live, counts).available(from, to, now);
    }

    /**
     * The starts of a team's {@code type} in {@code [from, to)} that each member's calendar takes at
     * {@code now}, as the command side asks it (the member's default schedule, no windows, every booking of
     * the member, the type's limits counted in the member's calendar), for every member at once: the members' schedules, live bookings (collective
     * ones included) and busy times each read in one statement for all of them, not one per member.
     *
     * @return each member's starts, in the order of {@code members} (none for an unknown host)
     */
    List<List<OfferedSlot>> membersSlots(List<UUID> members, EventType type, Instant from, Instant to, Instant now) {
        if (members.isEmpty()) {
            return List.of();
        }
        Object ids = members.toArray(UUID[]::new);
        Map<UUID, Schedule> schedules = new HashMap<>();
        jdbc.query(
                "SELECT h.host_id, h.time_zone, s.schedule::text FROM host_view h "
                        + "LEFT JOIN schedule_view s ON s.host_id = h.host_id WHERE h.host_id = ANY(?)",
                rs -> {
                    schedules.put(
                            rs.getObject(1, UUID.class),
                            rs.getString(3) == null ? Schedule.initial(rs.getString(2)) : read(rs.getString(3)));
                },
                ids);
        Instant lower = from.minus(type.bufferBefore());
        Instant upper = to.plus(type.duration()).plus(type.bufferAfter());
        Map<UUID, LiveBookings> live = liveBookings(members, lower, upper);
        boolean limited = type.limits().perDay() != null || type.limits().perWeek() != null;
        List<List<OfferedSlot>> slots = new ArrayList<>();
        for (UUID member : members) {
            Schedule schedule = schedules.get(member);
            if (schedule == null) {
                slots.add(List.of());
                continue;
            }
            BookingCounts counts = limited ? counts(member, type, schedule.zone(), from, to) : BookingCounts.NONE;
            slots.add(new EventTypeOffer(type, schedule, List.of(), live.get(member), counts).available(from, to, now));
        }
        return slots;
    }

    /** The type's bookings that count towards its limits, per date, over the weeks {@code [from, to)} touches. */
    private BookingCounts counts(UUID hostId, EventType type, ZoneId zone, Instant from, Instant to) {
        // a week reaches at most 7 days either side of the range's dates; a day's margin for the zone
        Instant lower = from.minus(Duration.ofDays(8));
        Instant upper = to.plus(Duration.ofDays(8));
        Map<LocalDate, Integer> perDate = new HashMap<>();
        jdbc.query(
                ofHost(
                        "b.start_time",
                        "b.event_type_id = ? AND b.status IN ('RESERVED', 'CONFIRMED', 'COMPLETED')"
                                + " AND b.start_time >= ? AND b.start_time < ?"),
                rs -> {
                    perDate.merge(LocalDate.ofInstant(rs.getTimestamp(1).toInstant(), zone), 1, Integer::sum);
                },
                hostId,
                type.id(),
                Timestamp.from(lower),
                Timestamp.from(upper),
                hostId,
                type.id(),
                Timestamp.from(lower),
                Timestamp.from(upper));
        return new BookingCounts(Map.of(type.id(), perDate));
    }

    /**
     * A query of the host's bookings (booking_view {@code b}): its own, and the collective bookings
     * it is a member of, whose one row is under their first member. Its arguments: the host and
     * {@code where}'s, twice.
     */
    /**
     * The host's busy times from its own calendars overlapping {@code [lower, upper)}; the consumer is
     * given each one's source and, for the occupancy, the id the command side gives it.
     */
    /**
     * The hosts' live bookings (collective ones included) and busy times overlapping {@code [lower,
     * upper)}, as each host's calendar holds them: one statement for the bookings and one for the busy
     * times, however many hosts.
     */
    private Map<UUID, LiveBookings> liveBookings(List<UUID> hosts, Instant lower, Instant upper) {
        Map<UUID, LiveBookings> live = new HashMap<>();
        hosts.forEach(host -> live.put(host, new LiveBookings()));
        Object ids = hosts.toArray(UUID[]::new);
        String columns = "b.booking_id, b.event_type_id, b.start_time, b.end_time, b.buffer_before_minutes,"
                + " b.buffer_after_minutes";
        String where = "b.status IN ('RESERVED', 'CONFIRMED') AND b.occupied && tstzrange(?, ?)";
        // host by host, each host's bookings found by its index, and each collective booking by its id
        // (OFFSET 0 keeps a subquery apart), whatever the planner's statistics say
        jdbc.query(
                "SELECT h.id, b.* FROM unnest(?::uuid[]) AS h(id), LATERAL (SELECT " + columns
                        + " FROM booking_view b WHERE b.host_id = h.id AND " + where + " OFFSET 0) b"
                        + " UNION ALL SELECT m.host_id, " + columns + " FROM booking_member m, LATERAL (SELECT *"
                        + " FROM booking_view v WHERE v.booking_id = m.booking_id OFFSET 0) b"
                        + " WHERE m.host_id = ANY(?) AND b.host_id <> m.host_id AND " + where,
                rs -> {
                    UUID host = rs.getObject(1, UUID.class);
                    UUID eventType = rs.getObject(3, UUID.class);
                    live.get(host)
                            .add(new LiveBooking(
                                    rs.getObject(2, UUID.class),
                                    eventType == null ? EventType.defaultIdFor(host) : eventType,
                                    rs.getTimestamp(4).toInstant(),
                                    rs.getTimestamp(5).toInstant(),
                                    rs.getInt(6),
                                    rs.getInt(7)));
                },
                ids,
                Timestamp.from(lower),
                Timestamp.from(upper),
                ids,
                Timestamp.from(lower),
                Timestamp.from(upper));
        busyTimes(hosts, lower, upper, (host, busy) -> live.get(host).add(busy));
        return live;
    }

    /**
     * The hosts' busy times from their own calendars overlapping {@code [lower, upper)}, each as the
     * command side's calendar holds it (a booking that shares with nothing, its id from its source).
     */
    private void busyTimes(List<UUID> hosts, Instant lower, Instant upper, BiConsumer<UUID, LiveBooking> consumer) {
        jdbc.query(
                // host by host, so that the host is part of the index's condition (a GiST index takes no ANY)
                "SELECT h.id, t.source_id, t.start_time, t.end_time FROM unnest(?::uuid[]) AS h(id), LATERAL ("
                        + "SELECT source_id, start_time, end_time FROM busy_time_view WHERE host_id = h.id "
                        + "AND tstzrange(start_time, end_time) && tstzrange(?, ?) OFFSET 0) t",
                rs -> {
                    BusyInterval interval = new BusyInterval(
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant());
                    consumer.accept(rs.getObject(1, UUID.class), interval.asLiveBooking(rs.getObject(2, UUID.class)));
                },
                (Object) hosts.toArray(UUID[]::new),
                Timestamp.from(lower),
                Timestamp.from(upper));
    }

    private static String ofHost(String select, String where) {
        // each collective booking by its id (OFFSET 0 keeps the subquery apart), whatever the statistics say
        return "SELECT " + select + " FROM booking_view b WHERE b.host_id = ? AND " + where
                + " UNION ALL SELECT " + select + " FROM booking_member m, LATERAL (SELECT * FROM booking_view v"
                + " WHERE v.booking_id = m.booking_id OFFSET 0) b WHERE m.host_id = ? AND b.host_id <> m.host_id AND "
                + where;
    }

    /** The host's windows overlapping {@code [from, to)}. */
    List<AvailabilityWindow> windows(UUID hostId, Instant from, Instant to) {
        return jdbc.query(
                "SELECT start_time, end_time, slot_duration FROM window_view WHERE host_id = ? AND end_time > ? AND start_time < ?",
                (rs, i) -> new AvailabilityWindow(
                        rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), rs.getInt(3)),
                hostId,
                Timestamp.from(from),
                Timestamp.from(to));
    }

    private Schedule read(String stored) {
        try {
            return json.readValue(stored, Schedule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schedule_view holds a schedule this version cannot read", e);
        }
    }
}
