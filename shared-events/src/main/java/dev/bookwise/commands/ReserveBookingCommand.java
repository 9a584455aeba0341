package dev.bookwise.commands;

import dev.bookwise.calendar.Attendee;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReserveBookingCommand(
        @TargetAggregateIdentifier UUID hostId, UUID bookingId, Instant start, Attendee attendee) {}
