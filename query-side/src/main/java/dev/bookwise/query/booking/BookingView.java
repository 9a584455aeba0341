package dev.bookwise.query.booking;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingEvent;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingMarkedNoShow;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A booking as the read model has it; the same fields as the command side's answers, and more.
 * It is also the {@code data} of every Kafka CloudEvent and webhook: the booking after that event.
 * It never holds the manage token's digest. A booking stored before event types (no
 * {@code eventTypeId}) is of the host's default type; absent answers and metadata read as empty.
 * {@code teamId}: booked through a team's event type; {@code hostIds}: every member a collective
 * booking occupies (sorted; {@code hostId} is then the first of them). Both are left out when null.
 */
public record BookingView(
        UUID bookingId,
        UUID hostId,
        BookingState status,
        Instant start,
        Instant end,
        Instant expiresAt,
        Attendee attendee,
        int bufferBeforeMinutes,
        int bufferAfterMinutes,
        String reason,
        Instant createdAt,
        Instant updatedAt,
        UUID eventTypeId,
        Map<String, Object> answers,
        Map<String, String> metadata,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID teamId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<UUID> hostIds) {

    public BookingView {
        if (eventTypeId == null && hostId != null) {
            eventTypeId = EventType.defaultIdFor(hostId);
        }
        answers = answers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        hostIds = hostIds == null ? null : List.copyOf(hostIds);
    }

    /** Whether {@code host} takes part in this booking: its host, or a member of a collective booking. */
    public boolean involves(UUID host) {
        return host != null && (host.equals(hostId) || (hostIds != null && hostIds.contains(host)));
    }

    /**
     * The booking after {@code event}, which happened {@code at}; {@code before} is the booking
     * before it (null only for a reservation, or when the earlier state is unknown).
     */
    public static BookingView after(BookingView before, BookingEvent event, Instant at) {
        if (event instanceof BookingReserved reserved) {
            return new BookingView(
                    reserved.bookingId(),
                    // a collective booking is spoken for by its first member, in whichever member's stream it is read
                    reserved.hostIds() == null || reserved.hostIds().isEmpty()
                            ? reserved.hostId()
                            : reserved.hostIds().get(0),
                    BookingState.RESERVED,
                    reserved.start(),
                    reserved.end(),
                    reserved.expiresAt(),
                    reserved.attendee(),
                    reserved.bufferBeforeMinutes(),
                    reserved.bufferAfterMinutes(),
                    null,
                    at,
                    at,
                    reserved.eventTypeId(),
                    reserved.answers(),
                    reserved.metadata(),
                    reserved.teamId(),
                    reserved.hostIds());
        }
        BookingView base = before != null
                ? before
                : new BookingView(
                        event.bookingId(),
                        event.hostId(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        at,
                        null,
                        null,
                        null,
                        null,
                        null);
        if (event instanceof BookingConfirmed e) {
            return base.moved(BookingState.CONFIRMED, e.reason(), at);
        }
        if (event instanceof BookingCancelled e) {
            return base.moved(BookingState.CANCELLED, e.reason(), at);
        }
        if (event instanceof BookingCompleted e) {
            return base.moved(BookingState.COMPLETED, e.reason(), at);
        }
        if (event instanceof BookingExpired) {
            return base.moved(BookingState.EXPIRED, null, at);
        }
        if (event instanceof BookingMarkedNoShow e) {
            return base.moved(BookingState.NO_SHOW, e.reason(), at);
        }
        BookingRescheduled e = (BookingRescheduled) event;
        return new BookingView(
                base.bookingId,
                base.hostId,
                base.status,
                e.start(),
                e.end(),
                base.expiresAt,
                base.attendee,
                e.bufferBeforeMinutes(),
                e.bufferAfterMinutes(),
                base.reason,
                base.createdAt,
                at,
                base.eventTypeId,
                base.answers,
                base.metadata,
                base.teamId,
                base.hostIds);
    }

    private BookingView moved(BookingState next, String newReason, Instant at) {
        // only a reservation has an expiry; the read model answers the same
        return new BookingView(
                bookingId,
                hostId,
                next,
                start,
                end,
                null,
                attendee,
                bufferBeforeMinutes,
                bufferAfterMinutes,
                newReason != null ? newReason : reason,
                createdAt,
                at,
                eventTypeId,
                answers,
                metadata,
                teamId,
                hostIds);
    }
}
