package dev.bookwise.calendar.types;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What the calendar needs of a RESERVED or CONFIRMED booking: it occupies
 * {@code [start - bufferBefore, end + bufferAfter)}, with the buffers its type had when it was
 * booked or last moved. A null {@code eventTypeId} is time taken by something that shares with
 * nothing.
 */
public record LiveBooking(
        UUID bookingId, UUID eventTypeId, Instant start, Instant end, int bufferBeforeMinutes, int bufferAfterMinutes) {

    public Instant occupiedFrom() {
        return start.minus(Duration.ofMinutes(bufferBeforeMinutes));
    }

    public Instant occupiedUntil() {
        return end.plus(Duration.ofMinutes(bufferAfterMinutes));
    }

    /** Whether a new booking of {@code type} starting at {@code otherStart} may sit beside this one. */
    boolean sharesWith(EventType type, Instant otherStart) {
        return type.seated() && type.id().equals(eventTypeId) && start.equals(otherStart);
    }
}
