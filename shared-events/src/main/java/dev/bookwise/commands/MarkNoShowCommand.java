package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A confirmed booking whose start has passed was not attended. */
public record MarkNoShowCommand(@TargetAggregateIdentifier UUID hostId, UUID bookingId, String reason) {}
