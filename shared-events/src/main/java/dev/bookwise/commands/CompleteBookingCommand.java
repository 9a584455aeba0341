package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteBookingCommand(
        @TargetAggregateIdentifier UUID hostId, UUID bookingId, String reason) {}
