package dev.bookwise.commands;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move a booking; {@code byAttendee}: through its manage token, bound by the type's reschedule notice. */
public record RescheduleBookingCommand(
        @TargetAggregateIdentifier UUID hostId, UUID bookingId, Instant start, boolean byAttendee) {

    public RescheduleBookingCommand(UUID hostId, UUID bookingId, Instant start) {
        this(hostId, bookingId, start, false);
    }
}
