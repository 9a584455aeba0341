package dev.bookwise.events;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A reservation was not confirmed by {@code expiresAt}; its slot is free again. */
@Revision("1")
public record BookingExpired(UUID bookingId, UUID hostId, Instant expiresAt) implements BookingEvent {}
