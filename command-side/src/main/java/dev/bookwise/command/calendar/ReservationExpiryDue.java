package dev.bookwise.command.calendar;

import java.util.UUID;

/** Payload of the persistent deadline that expires an unconfirmed reservation. */
record ReservationExpiryDue(UUID bookingId) {}
