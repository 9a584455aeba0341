package dev.bookwise.calendar;

public enum BookingStatus {
    RESERVED,
    CONFIRMED,
    CANCELLED,
    EXPIRED,
    COMPLETED,
    /** A confirmed booking whose start passed without the attendee. */
    NO_SHOW;

    /** A live booking holds its slot. */
    public boolean isLive() {
        return this == RESERVED || this == CONFIRMED;
    }
}
