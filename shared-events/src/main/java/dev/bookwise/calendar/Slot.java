package dev.bookwise.calendar;

import java.time.Instant;

/** A bookable period: {@code [start, end)}. */
public record Slot(Instant start, Instant end) {}
