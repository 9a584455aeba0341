package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancel a booking; {@code byAttendee}: through its manage token, bound by the type's cancel notice. */
public record CancelBookingCommand(
        @TargetAggregateIdentifier UUID hostId, UUID bookingId, String reason, boolean byAttendee) {

    public CancelBookingCommand(UUID hostId, UUID bookingId, String reason) {
        this(hostId, bookingId, reason, false);
    }
}
