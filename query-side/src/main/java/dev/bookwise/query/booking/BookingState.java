package dev.bookwise.query.booking;

/**
 * A booking's status as the read model shows it: the shared {@code BookingStatus} values and
 * {@code NO_SHOW} (a confirmed booking whose attendee did not come, from BookingMarkedNoShow),
 * which the shared enum does not name.
 */
public enum BookingState {
    RESERVED,
    CONFIRMED,
    CANCELLED,
    EXPIRED,
    COMPLETED,
    NO_SHOW;

    /** A live booking holds its slot. */
    public boolean isLive() {
        return this == RESERVED || this == CONFIRMED;
    }
}
