package dev.bookwise.query.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingMarkedNoShow;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import dev.bookwise.query.projection.StoredText;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * booking_view: every booking with its current status and, while live, the range it occupies; and
 * booking_member: the members of each collective booking.
 * <p>
 * A collective booking is the same booking in every member's stream, each event once per member.
 * Only its first member's events (the leading stream) write its booking_view row: the reservation
 * that {@link BookingReserved#leads() leads} inserts it, and later events change it only when they
 * are that host's (rows compare versions of one stream, the leading one). Every member's
 * reservation records its membership, so that each member's list, availability and limits find the
 * booking; the leading one records all of them at once, so the row and its members appear together.
 */
@ProcessingGroup(ReadModel.BOOKINGS_GROUP)
public class BookingProjection {

    private final ProjectionWrites writes;
    private final ObjectMapper json;
    private final String table;
    private final String members;

    public BookingProjection(ProjectionWrites writes, ObjectMapper json, String table, String members) {
        this.writes = writes;
        this.json = json;
        this.table = table;
        this.members = members;
    }

    @EventHandler
    void on(BookingReserved event, @org.axonframework.eventhandling.Timestamp Instant at, @SequenceNumber long version)
            throws JsonProcessingException {
        List<UUID> hostIds = event.hostIds() == null || event.hostIds().isEmpty() ? null : event.hostIds();
        if (hostIds != null) {
            for (UUID member : event.leads() ? hostIds : List.of(event.hostId())) {
                writes.write(
                        members,
                        member + "/" + event.bookingId(),
                        ("INSERT INTO %1$s (host_id, booking_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                                .formatted(members),
                        member,
                        event.bookingId());
            }
        }
        if (!event.leads()) {
            return;
        }
        writes.write(
                table,
                event.bookingId(),
                ("""
                INSERT INTO %1$s (booking_id, host_id, status, start_time, end_time, buffer_before_minutes,
                    buffer_after_minutes, occupied, expires_at, attendee_name, attendee_email, attendee_time_zone,
                    created_at, updated_at, version, event_type_id, answers, metadata, manage_token_sha256,
                    team_id, host_ids)
                VALUES (?, ?, 'RESERVED', ?, ?, ?, ?, tstzrange(?, ?), ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?,
                    ?, ?::uuid[])
                ON CONFLICT (booking_id) DO NOTHING
                """).formatted(table),
                event.bookingId(),
                event.hostId(),
                ts(event.start()),
                ts(event.end()),
                event.bufferBeforeMinutes(),
                event.bufferAfterMinutes(),
                ts(event.start().minus(Duration.ofMinutes(event.bufferBeforeMinutes()))),
                ts(event.end().plus(Duration.ofMinutes(event.bufferAfterMinutes()))),
                ts(event.expiresAt()),
                StoredText.of(event.attendee().name()),
                StoredText.of(event.attendee().email()),
                StoredText.of(event.attendee().timeZone()),
                ts(at),
                ts(at),
                version,
                event.eventTypeId(),
                StoredText.json(json.writeValueAsString(event.answers())),
                StoredText.json(json.writeValueAsString(event.metadata())),
                StoredText.of(event.manageTokenSha256()),
                event.teamId(),
                hostIds == null
                        ? null
                        : hostIds.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")));
    }

    @EventHandler
    void on(
            BookingConfirmed event,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @SequenceNumber long version) {
        status(event.bookingId(), event.hostId(), BookingState.CONFIRMED, event.reason(), at, version);
    }

    @EventHandler
    void on(
            BookingCancelled event,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @SequenceNumber long version) {
        status(event.bookingId(), event.hostId(), BookingState.CANCELLED, event.reason(), at, version);
    }

    @EventHandler
    void on(
            BookingCompleted event,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @SequenceNumber long version) {
        status(event.bookingId(), event.hostId(), BookingState.COMPLETED, event.reason(), at, version);
    }

    @EventHandler
    void on(BookingExpired event, @org.axonframework.eventhandling.Timestamp Instant at, @SequenceNumber long version) {
        status(event.bookingId(), event.hostId(), BookingState.EXPIRED, null, at, version);
    }

    @EventHandler
    void on(
            BookingMarkedNoShow event,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @SequenceNumber long version) {
        status(event.bookingId(), event.hostId(), BookingState.NO_SHOW, event.reason(), at, version);
    }

    @EventHandler
    void on(
            BookingRescheduled event,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @SequenceNumber long version) {
        writes.write(
                table,
                event.bookingId(),
                ("""
                UPDATE %1$s SET start_time = ?, end_time = ?, buffer_before_minutes = ?, buffer_after_minutes = ?,
                    occupied = tstzrange(?, ?), updated_at = ?, version = ?
                WHERE booking_id = ? AND host_id = ? AND version < ?
                """).formatted(table),
                ts(event.start()),
                ts(event.end()),
                event.bufferBeforeMinutes(),
                event.bufferAfterMinutes(),
                ts(event.start().minus(Duration.ofMinutes(event.bufferBeforeMinutes()))),
                ts(event.end().plus(Duration.ofMinutes(event.bufferAfterMinutes()))),
                ts(at),
                version,
                event.bookingId(),
                event.hostId(),
                version);
    }

    // host_id: a collective booking's other members' events are the same change again, in their own streams
    private void status(UUID bookingId, UUID hostId, BookingState status, String reason, Instant at, long version) {
        writes.write(
                table,
                bookingId,
                ("""
                UPDATE %1$s SET status = ?, reason = coalesce(?, reason), updated_at = ?, version = ?
                WHERE booking_id = ? AND host_id = ? AND version < ?
                """).formatted(table),
                status.name(),
                StoredText.of(reason),
                ts(at),
                version,
                bookingId,
                hostId,
                version);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @ResetHandler
    void reset() {
        writes.jdbc().update("TRUNCATE " + table + ", " + members);
    }
}
