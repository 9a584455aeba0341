package dev.bookwise.command.calendar;

import java.time.Duration;

/** How long a reservation may stay unconfirmed; injected into the aggregate's handlers. */
public record ReservationPolicy(Duration ttl) {}
