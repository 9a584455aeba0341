package dev.bookwise.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.events.BookingEvent;
import dev.bookwise.query.booking.BookingAccess;
import dev.bookwise.query.booking.BookingRepository;
import dev.bookwise.query.booking.BookingView;
import dev.bookwise.query.eventtype.EventTypeView;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.request.TimeParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Service;

/**
 * Audit reads straight from the event store, never from a projection: a booking's history and a
 * host's calendar as it was at an instant, with the rules of who may read them.
 */
@Service
public class AuditReads {

    /** One of a booking's events: its place in the calendar's stream, its type, when, and its data. */
    public record Entry(long sequence, String type, Instant occurredAt, JsonNode data) {}

    public record CalendarAsOf(
            UUID hostId,
            Instant asOf,
            Schedule schedule,
            List<CalendarReplay.NamedSchedule> schedules,
            List<EventTypeView> eventTypes,
            List<AvailabilityWindow> windows,
            List<BookingView> bookings) {}

    private final EventStorageEngine events;
    private final BookingRepository bookings;
    private final ObjectMapper json;

    AuditReads(EventStorageEngine events, BookingRepository bookings, ObjectMapper json) {
        this.events = events;
        this.bookings = bookings;
        this.json = json;
    }

    public List<Entry> bookingHistory(UUID bookingId, Caller caller) {
        // the read model only says which calendar holds the booking; the events come from the store. A
        // collective booking is in every member's calendar, each change once in each: its first member's
        // calendar (the row's host) tells each change once
        BookingView booking = bookings.find(bookingId)
                .orElseThrow(() -> new BookwiseException(ErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId));
        if (caller.attendee()) {
            // a manage token reads only its booking itself, as before
            caller.requireHost(booking.hostId());
        }
        BookingAccess.require(caller, booking);
        UUID hostId = booking.hostId();
        List<Entry> history = new ArrayList<>();
        eachEvent(hostId, message -> {
            if (message.getPayload() instanceof BookingEvent event
                    && event.bookingId().equals(bookingId)) {
                ObjectNode data = json.valueToTree(event);
                // an implementation detail of the expiry deadline, not a fact of the booking
                data.remove("expiryDeadlineId");
                // the attendee's credential (as a digest): shown to no one, the host included
                data.remove("manageTokenSha256");
                history.add(new Entry(
                        message.getSequenceNumber(),
                        message.getPayloadType().getSimpleName(),
                        message.getTimestamp(),
                        data));
            }
        });
        return history;
    }

    /** @param asOf as the caller wrote it; null: now */
    public CalendarAsOf hostAsOf(UUID hostId, String asOf, Caller caller) {
        caller.requireHost(hostId);
        Instant at = asOf == null ? Instant.now() : TimeParams.instant("asOf", asOf);
        CalendarReplay replay = new CalendarReplay();
        boolean[] any = {false};
        eachEvent(hostId, message -> {
            any[0] = true;
            if (!message.getTimestamp().isAfter(at)) {
                replay.apply(message.getPayload(), message.getTimestamp());
            }
        });
        if (!any[0]) {
            throw new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + hostId);
        }
        return new CalendarAsOf(
                hostId,
                at,
                replay.schedule(),
                replay.namedSchedules(),
                replay.eventTypes(),
                replay.windows(),
                replay.liveBookings());
    }

    private void eachEvent(UUID hostId, Consumer<DomainEventMessage<?>> action) {
        // from sequence 0 straight from the storage engine: snapshots are the command side's and not read here
        DomainEventStream stream = events.readEvents(hostId.toString(), 0);
        while (stream.hasNext()) {
            action.accept(stream.next());
        }
    }
}
