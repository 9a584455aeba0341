package dev.bookwise.commands;

import dev.bookwise.calendar.teams.TeamMember;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateTeamCommand(
        @TargetAggregateIdentifier UUID teamId, String name, List<TeamMember> members, String apiKeySha256) {}
