package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelBookingCommand(
        @TargetAggregateIdentifier UUID hostId, UUID bookingId, String reason) {}
