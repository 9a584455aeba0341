package dev.bookwise.commands;

import dev.bookwise.calendar.Schedule;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Define the host's default schedule ({@code scheduleId} null) or a named one (create or replace). */
public record DefineScheduleCommand(
        @TargetAggregateIdentifier UUID hostId, Schedule schedule, UUID scheduleId, String name, boolean create) {

    /** The host's default schedule (and with it its default event type). */
    public DefineScheduleCommand(UUID hostId, Schedule schedule) {
        this(hostId, schedule, null, null, false);
    }
}
