package dev.bookwise.commands;

import dev.bookwise.calendar.Attendee;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Book {@code start} with a team's event type: one free member (round robin) or every member
 * (collective), decided by the members' own calendars in one transaction.
 */
public record ReserveTeamBookingCommand(
        UUID teamId,
        UUID bookingId,
        UUID eventTypeId,
        Instant start,
        Attendee attendee,
        Map<String, Object> answers,
        Map<String, String> metadata,
        String manageTokenSha256,
        boolean anonymous) {}
