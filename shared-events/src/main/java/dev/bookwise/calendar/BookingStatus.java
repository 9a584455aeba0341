package dev.bookwise.calendar;

public enum BookingStatus {
    RESERVED,
    CONFIRMED,
    CANCELLED,
    EXPIRED,
    COMPLETED;

    /** A live booking holds its slot. */
    public boolean isLive() {
        return this == RESERVED || this == CONFIRMED;
    }
}
