package dev.bookwise.commands;

import dev.bookwise.calendar.Attendee;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Book {@code start} on the host's calendar. {@code eventTypeId} null: the host's default type.
 * {@code manageTokenSha256}: the digest of the token the attendee manages the booking with.
 * {@code anonymous}: sent without a key, allowed only for a public event type.
 */
public record ReserveBookingCommand(
        @TargetAggregateIdentifier UUID hostId,
        UUID bookingId,
        Instant start,
        Attendee attendee,
        UUID eventTypeId,
        Map<String, Object> answers,
        Map<String, String> metadata,
        String manageTokenSha256,
        boolean anonymous) {

    /** A Part 1 booking: the default type, no answers, metadata or manage token. */
    public ReserveBookingCommand(UUID hostId, UUID bookingId, Instant start, Attendee attendee) {
        this(hostId, bookingId, start, attendee, null, Map.of(), Map.of(), null, false);
    }
}
