package dev.bookwise.commands;

import dev.bookwise.calendar.types.EventType;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create ({@code create}) or replace one of the host's event types. */
public record DefineEventTypeCommand(
        @TargetAggregateIdentifier UUID hostId, EventType eventType, boolean create) {}
