package dev.bookwise.query.graphql;

import dev.bookwise.calendar.TimeRange;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.types.BookingLimits;
import dev.bookwise.query.booking.BookingView;
import dev.bookwise.query.eventtype.EventTypeView;
import dev.bookwise.query.team.TeamEventTypeView;
import java.util.List;
import java.util.UUID;

/** The schema's object types that the REST reads have no value of their own for. */
final class Nodes {

    private Nodes() {}

    /** {@code Host}: what the read model may show of a host to whoever reached it. */
    record HostNode(UUID hostId, String timeZone) {}

    /** {@code Team}: its members are read by their own field, which needs the team's key. */
    record TeamNode(UUID teamId, String name) {}

    /**
     * {@code EventType}: a host's type (no assignment, no members) or a team's, with the REST
     * list's fields either way.
     */
    record EventTypeNode(
            UUID eventTypeId,
            String slug,
            String title,
            int durationMinutes,
            int slotIntervalMinutes,
            UUID scheduleId,
            int bufferBeforeMinutes,
            int bufferAfterMinutes,
            int minimumNoticeMinutes,
            int horizonDays,
            int seats,
            BookingLimits limits,
            List<EventTypeView.QuestionView> questions,
            int attendeeCancelNoticeMinutes,
            int attendeeRescheduleNoticeMinutes,
            boolean isPublic,
            boolean archived,
            Assignment assignment,
            List<UUID> members) {

        static EventTypeNode of(EventTypeView type) {
            return of(type, null, null);
        }

        static EventTypeNode of(TeamEventTypeView team) {
            return of(team.eventType(), team.assignment(), team.members());
        }

        private static EventTypeNode of(EventTypeView type, Assignment assignment, List<UUID> members) {
            return new EventTypeNode(
                    type.eventTypeId(),
                    type.slug(),
                    type.title(),
                    type.durationMinutes(),
                    type.slotIntervalMinutes(),
                    type.scheduleId(),
                    type.bufferBeforeMinutes(),
                    type.bufferAfterMinutes(),
                    type.minimumNoticeMinutes(),
                    type.horizonDays(),
                    type.seats(),
                    type.limits(),
                    type.questions(),
                    type.attendeeCancelNoticeMinutes(),
                    type.attendeeRescheduleNoticeMinutes(),
                    type.isPublic(),
                    type.archived(),
                    assignment,
                    members);
        }
    }

    /** {@code BookingConnection}: a page of bookings as a Relay connection. */
    record BookingConnection(List<BookingEdge> edges, PageInfo pageInfo) {}

    record BookingEdge(BookingView node, String cursor) {}

    record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}

    /** {@code WeeklyHours}: one day of a schedule's week. */
    record WeeklyHours(String day, List<TimeRange> hours) {}
}
