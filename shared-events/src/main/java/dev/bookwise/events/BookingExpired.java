package dev.bookwise.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/** A reservation was not confirmed by {@code expiresAt}; its slot is free again. */
@Revision("1")
public record BookingExpired(UUID bookingId, UUID hostId, Instant expiresAt) implements BookingEvent {
}
