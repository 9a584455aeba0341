package dev.bookwise.command.calendar;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Booking;
import dev.bookwise.calendar.BookingStatus;
import dev.bookwise.calendar.types.EventType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the aggregate keeps of a RESERVED or CONFIRMED booking. {@code eventTypeId} null: the host's
 * default type (bookings made before event types); {@code countedOn}: the date its type's limits
 * count it on (null only for a booking read from a snapshot taken before limits existed: it counts
 * nowhere, and its type, the default one, has no limits). {@code teamId}: booked through a team;
 * {@code hostIds}: every member calendar a collective booking is in (the first leads it).
 */
record OpenBooking(
        UUID bookingId,
        BookingStatus status,
        Instant start,
        Instant end,
        int bufferBeforeMinutes,
        int bufferAfterMinutes,
        Attendee attendee,
        Instant expiresAt,
        String expiryDeadlineId,
        UUID eventTypeId,
        LocalDate countedOn,
        UUID teamId,
        List<UUID> hostIds) {

    /** A collective booking: the same booking in every member's calendar. */
    boolean collective() {
        return hostIds != null && hostIds.size() > 1;
    }

    Instant occupiedFrom() {
        return start.minus(Duration.ofMinutes(bufferBeforeMinutes));
    }

    Instant occupiedUntil() {
        return end.plus(Duration.ofMinutes(bufferAfterMinutes));
    }

    OpenBooking withStatus(BookingStatus newStatus) {
        return new OpenBooking(
                bookingId,
                newStatus,
                start,
                end,
                bufferBeforeMinutes,
                bufferAfterMinutes,
                attendee,
                expiresAt,
                expiryDeadlineId,
                eventTypeId,
                countedOn,
                teamId,
                hostIds);
    }

    OpenBooking movedTo(
            Instant newStart, Instant newEnd, int newBufferBefore, int newBufferAfter, LocalDate newCountedOn) {
        return new OpenBooking(
                bookingId,
                status,
                newStart,
                newEnd,
                newBufferBefore,
                newBufferAfter,
                attendee,
                expiresAt,
                expiryDeadlineId,
                eventTypeId,
                newCountedOn,
                teamId,
                hostIds);
    }

    Booking view(UUID hostId, Map<String, Object> answers, Map<String, String> metadata) {
        return new Booking(
                bookingId,
                hostId,
                status,
                start,
                end,
                status == BookingStatus.RESERVED ? expiresAt : null,
                attendee,
                bufferBeforeMinutes,
                bufferAfterMinutes,
                eventTypeId == null ? EventType.defaultIdFor(hostId) : eventTypeId,
                answers,
                metadata,
                teamId,
                hostIds);
    }

    /** The booking as commands other than the reservation answer it (answers and metadata are on the query side). */
    Booking view(UUID hostId) {
        return view(hostId, Map.of(), Map.of());
    }
}
