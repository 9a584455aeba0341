package dev.bookwise.commands;

import dev.bookwise.calendar.AvailabilityWindow;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record MergeAvailabilityWindowCommand(@TargetAggregateIdentifier UUID hostId, AvailabilityWindow window) {
}
