package dev.bookwise.events;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The booking moved to a new slot, keeping its id and status; buffers are the schedule's at the move. */
@Revision("1")
public record BookingRescheduled(
        UUID bookingId,
        UUID hostId,
        Instant previousStart,
        Instant previousEnd,
        Instant start,
        Instant end,
        int bufferBeforeMinutes,
        int bufferAfterMinutes)
        implements BookingEvent {}
