package dev.bookwise.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record CancelBookingCommand(@TargetAggregateIdentifier UUID hostId, UUID bookingId, String reason) {
}
