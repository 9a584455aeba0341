package dev.bookwise.events;

import dev.bookwise.calendar.Attendee;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A slot was taken; the booking holds [start - bufferBefore, end + bufferAfter) while it is live.
 * {@code expiryDeadlineId} names the persistent deadline that expires it at {@code expiresAt},
 * so that confirming or cancelling can cancel exactly that deadline.
 */
@Revision("1")
public record BookingReserved(
        UUID bookingId,
        UUID hostId,
        Instant start,
        Instant end,
        int bufferBeforeMinutes,
        int bufferAfterMinutes,
        Attendee attendee,
        Instant expiresAt,
        String expiryDeadlineId)
        implements BookingEvent {}
