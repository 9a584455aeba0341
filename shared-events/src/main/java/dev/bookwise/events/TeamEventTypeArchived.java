package dev.bookwise.events;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The team's event type takes no new bookings; existing ones are unaffected. */
@Revision("1")
public record TeamEventTypeArchived(UUID teamId, UUID eventTypeId) {}
