package dev.bookwise.events;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record BookingConfirmed(UUID bookingId, UUID hostId, String reason) implements BookingEvent {
}
