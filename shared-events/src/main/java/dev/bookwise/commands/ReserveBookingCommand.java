package dev.bookwise.commands;

import dev.bookwise.calendar.Attendee;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

public record ReserveBookingCommand(@TargetAggregateIdentifier UUID hostId, UUID bookingId, Instant start,
                                    Attendee attendee) {
}
