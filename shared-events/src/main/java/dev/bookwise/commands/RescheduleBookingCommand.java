package dev.bookwise.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

public record RescheduleBookingCommand(@TargetAggregateIdentifier UUID hostId, UUID bookingId, Instant start) {
}
