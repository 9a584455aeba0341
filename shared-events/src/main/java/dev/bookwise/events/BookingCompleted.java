package dev.bookwise.events;

import java.util.UUID;
import org.axonframework.serialization.Revision;

@Revision("1")
public record BookingCompleted(UUID bookingId, UUID hostId, String reason) implements BookingEvent {}
