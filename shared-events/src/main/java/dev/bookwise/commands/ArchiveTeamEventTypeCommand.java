package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ArchiveTeamEventTypeCommand(
        @TargetAggregateIdentifier UUID teamId, UUID eventTypeId) {}
