package dev.bookwise.events;

import dev.bookwise.calendar.Schedule;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The host's recurring availability was replaced as a whole. */
@Revision("1")
public record ScheduleDefined(UUID hostId, Schedule schedule) {}
