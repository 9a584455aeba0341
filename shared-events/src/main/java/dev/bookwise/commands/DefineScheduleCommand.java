package dev.bookwise.commands;

import dev.bookwise.calendar.Schedule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record DefineScheduleCommand(@TargetAggregateIdentifier UUID hostId, Schedule schedule) {
}
