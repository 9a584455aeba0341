package dev.bookwise.events;

import dev.bookwise.calendar.teams.TeamMember;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A team was created. {@code apiKeySha256}: the SHA-256 (hex) of the team's key, never the key. */
@Revision("1")
public record TeamCreated(UUID teamId, String name, List<TeamMember> members, String apiKeySha256) {}
