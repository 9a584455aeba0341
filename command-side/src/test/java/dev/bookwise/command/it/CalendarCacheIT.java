package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.events.BookingCancelled;
import dev.bookwise.testsupport.Api;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The calendar cache never answers from a calendar that is not the store's latest: another
 * command-side instance (here: an event appended straight to the store, as that instance would)
 * frees a slot, and this instance, whose cache holds the calendar from before, must see it.
 */
class CalendarCacheIT extends CommandSideIT {

    @Autowired
    EventStore eventStore;

    @Test
    void aSlotFreedByAnotherInstanceIsBookableHereAtOnce() {
        Host host = openHost();
        Instant start = slot(7);
        Api.Response first = reserve(host, start);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        // (no refused attempt here: a refusal rolls Axon's unit of work back, which drops the cached calendar)

        long next = eventStore.lastSequenceNumberFor(host.id()).orElseThrow() + 1;
        eventStore.publish(new GenericDomainEventMessage<>(
                "HostCalendar",
                host.id(),
                next,
                new BookingCancelled(
                        UUID.fromString(first.text("bookingId")), UUID.fromString(host.id()), "elsewhere")));

        Api.Response again = reserve(host, start);
        assertThat(again.status())
                .as("booked on the store's calendar, not the cached one: %s", again)
                .isEqualTo(201);
        assertThat(reserve(host, start).code()).isEqualTo("slot-unavailable");
        assertThat(reserve(host, slot(8)).status()).isEqualTo(201);
    }
}
