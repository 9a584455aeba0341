package dev.bookwise.commands;

import java.util.List;
import java.util.UUID;

/**
 * A command on an existing team booking ({@code command}: confirm, cancel, complete, no-show or
 * reschedule), run in every calendar the booking lives in ({@code hostIds}: the assigned member of
 * a round-robin booking, every member of a collective one) at once, with the team's type.
 */
public record TeamBookingCommand(UUID teamId, List<UUID> hostIds, Object command) {

    public TeamBookingCommand {
        hostIds = List.copyOf(hostIds);
    }
}
