package dev.bookwise.query.it;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.teams.TeamMember;
import dev.bookwise.calendar.types.BookingLimits;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.events.BookingReserved;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Team events as the command side appends them: the team's own, and team bookings in the members' streams. */
final class TeamFixture {

    static final Attendee BOB = new Attendee("Bob", "bob@example.com", "Europe/Paris");

    private TeamFixture() {}

    /** 09:00-17:00 UTC every day, 30-minute slots, no buffers or notice. */
    static Schedule weekdaysAndWeekends() {
        Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(new TimeRange("09:00", "17:00")));
        }
        return new Schedule("UTC", 30, 0, 0, 0, 60, hours, List.of());
    }

    static TeamEventType type(String slug, Assignment assignment, boolean isPublic, List<UUID> members) {
        return new TeamEventType(
                new EventType(
                        UUID.randomUUID(),
                        slug,
                        slug,
                        30,
                        30,
                        null,
                        0,
                        0,
                        0,
                        60,
                        1,
                        new BookingLimits(null, null),
                        List.of(),
                        0,
                        0,
                        isPublic),
                assignment,
                members);
    }

    static List<TeamMember> members(UUID... hosts) {
        return java.util.Arrays.stream(hosts)
                .map(host -> new TeamMember(host, 1, 0))
                .toList();
    }

    /** Every member, sorted as the command side sorts them (by their text). */
    static List<UUID> sorted(UUID... hosts) {
        return java.util.Arrays.stream(hosts)
                .sorted(Comparator.comparing(UUID::toString))
                .toList();
    }

    /** One member's BookingReserved of a team booking ({@code hostIds} null: round robin). */
    static BookingReserved reserved(
            UUID booking, UUID host, UUID team, UUID eventTypeId, Instant start, List<UUID> hostIds) {
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(Duration.ofMinutes(30)),
                0,
                0,
                BOB,
                Instant.now().plus(Duration.ofMinutes(10)),
                hostIds == null || hostIds.get(0).equals(host) ? "deadline-" + booking : null,
                eventTypeId,
                Map.of(),
                Map.of(),
                null,
                team,
                hostIds);
    }

    /** A booking of the host's own default type. */
    static BookingReserved ownBooking(UUID booking, UUID host, Instant start) {
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(Duration.ofMinutes(30)),
                0,
                0,
                BOB,
                Instant.now().plus(Duration.ofMinutes(10)),
                "deadline-" + booking);
    }
}
