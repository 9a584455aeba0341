package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterHostCommand(
        @TargetAggregateIdentifier UUID hostId, String name, String email, String timeZone, String apiKeySha256) {}
