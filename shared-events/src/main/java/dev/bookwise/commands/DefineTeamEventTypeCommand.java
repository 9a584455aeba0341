package dev.bookwise.commands;

import dev.bookwise.calendar.teams.TeamEventType;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create ({@code create}) or replace one of the team's event types. */
public record DefineTeamEventTypeCommand(
        @TargetAggregateIdentifier UUID teamId, TeamEventType teamEventType, boolean create) {}
