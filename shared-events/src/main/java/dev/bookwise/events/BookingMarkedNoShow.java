package dev.bookwise.events;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A confirmed booking whose start has passed was marked as not attended (webhook/Kafka type {@code booking.no_show}). */
@Revision("1")
public record BookingMarkedNoShow(UUID bookingId, UUID hostId, String reason) implements BookingEvent {}
