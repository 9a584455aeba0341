package dev.bookwise.events;

import dev.bookwise.calendar.Attendee;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A slot was taken; the booking holds [start - bufferBefore, end + bufferAfter) while it is live.
 * {@code expiryDeadlineId} names the persistent deadline that expires it at {@code expiresAt},
 * so that confirming or cancelling can cancel exactly that deadline.
 * <p>
 * {@code eventTypeId} is the kind of meeting booked (null in events stored before event types: the
 * host's default type); {@code answers} the attendee's answers to its questions and
 * {@code metadata} the caller's own strings (empty when absent); {@code manageTokenSha256} the
 * SHA-256 (hex) of the attendee's manage token, never the token itself (null before tokens).
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
        String expiryDeadlineId,
        UUID eventTypeId,
        Map<String, Object> answers,
        Map<String, String> metadata,
        String manageTokenSha256)
        implements BookingEvent {

    public BookingReserved {
        answers = answers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A booking of the host's default type, without answers, metadata or manage token (Part 1's shape). */
    public BookingReserved(
            UUID bookingId,
            UUID hostId,
            Instant start,
            Instant end,
            int bufferBeforeMinutes,
            int bufferAfterMinutes,
            Attendee attendee,
            Instant expiresAt,
            String expiryDeadlineId) {
        this(
                bookingId,
                hostId,
                start,
                end,
                bufferBeforeMinutes,
                bufferAfterMinutes,
                attendee,
                expiresAt,
                expiryDeadlineId,
                null,
                null,
                null,
                null);
    }
}
