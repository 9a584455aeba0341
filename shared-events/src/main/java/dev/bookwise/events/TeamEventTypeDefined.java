package dev.bookwise.events;

import dev.bookwise.calendar.teams.TeamEventType;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A kind of meeting the team offers was defined, or replaced as a whole. */
@Revision("1")
public record TeamEventTypeDefined(UUID teamId, TeamEventType teamEventType) {}
