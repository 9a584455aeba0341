package dev.bookwise.query.publish;

import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingEvent;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingMarkedNoShow;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The public names of the booking events on Kafka and in webhooks ({@code booking.reserved}, ...). */
public final class BookingEventTypes {

    private static final Map<Class<? extends BookingEvent>, String> NAMES = Map.of(
            BookingReserved.class, "booking.reserved",
            BookingConfirmed.class, "booking.confirmed",
            BookingExpired.class, "booking.expired",
            BookingCancelled.class, "booking.cancelled",
            BookingCompleted.class, "booking.completed",
            BookingRescheduled.class, "booking.rescheduled",
            BookingMarkedNoShow.class, "booking.no_show");

    /** Every public name, in the order of a booking's life. */
    public static final List<String> ALL = List.of(
            "booking.reserved",
            "booking.confirmed",
            "booking.rescheduled",
            "booking.cancelled",
            "booking.expired",
            "booking.completed",
            "booking.no_show");

    private BookingEventTypes() {}

    public static String of(BookingEvent event) {
        return NAMES.get(event.getClass());
    }

    /** The public name of a stored event's payload type (its class name), if it is a booking event. */
    public static Optional<String> ofPayloadType(String payloadType) {
        return NAMES.entrySet().stream()
                .filter(e -> e.getKey().getName().equals(payloadType))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
