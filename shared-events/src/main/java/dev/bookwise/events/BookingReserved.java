package dev.bookwise.events;

import dev.bookwise.calendar.Attendee;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code teamId} is set for a booking made through a team's event type (then {@code eventTypeId}
 * is the team's type); {@code hostIds} for a collective one: every member it occupies, sorted.
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
        String manageTokenSha256,
        UUID teamId,
        List<UUID> hostIds)
        implements BookingEvent {

    public BookingReserved {
        answers = answers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        hostIds = hostIds == null ? null : List.copyOf(hostIds);
    }

    /** A booking of one host's own event type (no team). */
    public BookingReserved(
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
            String manageTokenSha256) {
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
                eventTypeId,
                answers,
                metadata,
                manageTokenSha256,
                null,
                null);
    }

    /**
     * Whether this is the first of a collective booking's events (or not collective at all): a
     * collective booking is reserved in every member's calendar with the same {@code bookingId},
     * and the first member of {@code hostIds} (the lowest id) speaks for it in lists and messages.
     */
    public boolean leads() {
        return hostIds == null || hostIds.isEmpty() || hostIds.get(0).equals(hostId);
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
