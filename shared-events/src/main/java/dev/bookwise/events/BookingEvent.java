package dev.bookwise.events;

import java.util.UUID;

/** The events of one booking's life, published to Kafka and webhooks. */
public sealed interface BookingEvent
        permits BookingReserved,
                BookingConfirmed,
                BookingCancelled,
                BookingCompleted,
                BookingExpired,
                BookingRescheduled,
                BookingMarkedNoShow {

    UUID bookingId();

    UUID hostId();
}
