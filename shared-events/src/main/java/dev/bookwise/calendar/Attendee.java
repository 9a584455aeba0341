package dev.bookwise.calendar;

/** The person who books. {@code timeZone} is theirs, for display; all times are instants. */
public record Attendee(String name, String email, String timeZone) {}
