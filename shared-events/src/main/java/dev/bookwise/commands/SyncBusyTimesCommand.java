package dev.bookwise.commands;

import dev.bookwise.calendar.BusyInterval;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The busy times a source has now, as read: the calendar records what changed. */
public record SyncBusyTimesCommand(
        @TargetAggregateIdentifier UUID hostId, UUID sourceId, List<BusyInterval> intervals) {

    public SyncBusyTimesCommand {
        intervals = List.copyOf(intervals);
    }
}
