package dev.bookwise.events;

import dev.bookwise.calendar.types.EventType;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A kind of meeting the host offers was defined, or replaced as a whole (bookings made before keep
 * their times). The host's default type (slug {@code default}) is not defined by this event: it
 * follows the default schedule ({@link EventType#defaultFor}).
 */
@Revision("1")
public record EventTypeDefined(UUID hostId, EventType eventType) {}
