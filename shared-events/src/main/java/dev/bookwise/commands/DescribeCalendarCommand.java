package dev.bookwise.commands;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the host's calendar what reading its busy sources needs: its zone (for all-day and floating
 * times) and how far ahead anything can be booked. Changes nothing.
 */
public record DescribeCalendarCommand(
        @TargetAggregateIdentifier UUID hostId) {

    /** The answer. */
    public record Outline(String timeZone, int horizonDays) {}
}
