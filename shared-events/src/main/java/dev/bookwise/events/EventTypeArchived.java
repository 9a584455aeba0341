package dev.bookwise.events;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An event type takes no new bookings; its existing bookings are unaffected. */
@Revision("1")
public record EventTypeArchived(UUID hostId, UUID eventTypeId) {}
