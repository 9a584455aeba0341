package dev.bookwise.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RegisterHostCommand(@TargetAggregateIdentifier UUID hostId, String name, String email,
                                  String timeZone, String apiKeySha256) {
}
