package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveBusySourceCommand(
        @TargetAggregateIdentifier UUID hostId, UUID sourceId) {}
