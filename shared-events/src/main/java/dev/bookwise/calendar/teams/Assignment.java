package dev.bookwise.calendar.teams;

/** How a team event type places a booking on its members' calendars. */
public enum Assignment {
    /** One free member takes the booking, chosen by {@link RoundRobin}. */
    ROUND_ROBIN,
    /** Every member takes the booking at once, or none does. */
    COLLECTIVE
}
