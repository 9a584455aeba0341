package dev.bookwise.commands;

import dev.bookwise.calendar.AvailabilityWindow;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MergeAvailabilityWindowCommand(
        @TargetAggregateIdentifier UUID hostId, AvailabilityWindow window) {}
