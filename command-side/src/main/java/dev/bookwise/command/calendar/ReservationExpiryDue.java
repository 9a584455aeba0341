package dev.bookwise.command.calendar;

import java.util.UUID;

/**
 * Payload of the persistent deadline that expires an unconfirmed reservation. {@code hostId} is
 * null in deadlines scheduled before it was added (the booking directory knows the host).
 */
public record ReservationExpiryDue(UUID bookingId, UUID hostId) {}
