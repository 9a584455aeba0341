package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take no more bookings of this event type; its bookings stay as they are. */
public record ArchiveEventTypeCommand(
        @TargetAggregateIdentifier UUID hostId, UUID eventTypeId) {}
