package dev.bookwise.calendar.types;

/**
 * How many bookings of one event type a calendar day ({@code perDay}) and an ISO week, Monday
 * first ({@code perWeek}), may hold, in the zone of the type's schedule; null means no limit.
 * Each must be at least 1 when given. {@link BookingLimitPolicy} applies them.
 */
public record BookingLimits(Integer perDay, Integer perWeek) {

    public static final BookingLimits NONE = new BookingLimits(null, null);
}
