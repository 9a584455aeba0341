package dev.bookwise.command.team;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bookwise.calendar.teams.TeamMember;
import java.util.List;
import java.util.UUID;

/** A team; {@code apiKey} only in the answer that created it (the key is stored as a digest). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TeamResponse(UUID teamId, String name, List<TeamMember> members, String apiKey) {}
