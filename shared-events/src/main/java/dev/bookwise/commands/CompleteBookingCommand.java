package dev.bookwise.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record CompleteBookingCommand(@TargetAggregateIdentifier UUID hostId, UUID bookingId, String reason) {
}
