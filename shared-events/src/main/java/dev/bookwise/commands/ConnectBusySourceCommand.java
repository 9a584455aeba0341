package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ConnectBusySourceCommand(
        @TargetAggregateIdentifier UUID hostId, UUID sourceId, String type, String server) {}
