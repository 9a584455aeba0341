package dev.bookwise.commands;

import dev.bookwise.calendar.Schedule;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DefineScheduleCommand(
        @TargetAggregateIdentifier UUID hostId, Schedule schedule) {}
