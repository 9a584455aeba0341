package dev.bookwise.commands;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RescheduleBookingCommand(
        @TargetAggregateIdentifier UUID hostId, UUID bookingId, Instant start) {}
