package dev.bookwise.events;

import dev.bookwise.calendar.teams.TeamMember;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The team's members were replaced as a whole; existing bookings stay with the hosts that have them. */
@Revision("1")
public record TeamMembersChanged(UUID teamId, List<TeamMember> members) {}
