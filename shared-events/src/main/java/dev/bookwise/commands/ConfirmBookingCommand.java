package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ConfirmBookingCommand(
        @TargetAggregateIdentifier UUID hostId, UUID bookingId, String reason) {}
