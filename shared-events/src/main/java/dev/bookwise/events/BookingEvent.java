package dev.bookwise.events;

import java.util.UUID;

/** The events of one booking's life, published to Kafka and webhooks. */
public sealed interface BookingEvent
        permits BookingReserved, BookingConfirmed, BookingCancelled, BookingCompleted, BookingExpired, BookingRescheduled {

    UUID bookingId();

    UUID hostId();

    /** The name outside systems see: {@code booking.reserved}, … */
    default String externalType() {
        String simple = getClass().getSimpleName();
        return "booking." + simple.substring("Booking".length()).toLowerCase(java.util.Locale.ROOT);
    }
}
