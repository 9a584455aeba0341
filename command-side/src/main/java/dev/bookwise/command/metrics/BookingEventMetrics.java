package dev.bookwise.command.metrics;

import dev.bookwise.command.directory.CommandDirectory;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingExpired;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Counts booking state changes as they commit, including those no request causes (expiries run
 * from persistent deadlines). In the subscribing group, so counted once per commit on the node
 * that made it; a rolled-back change is not counted.
 */
@Component
@ProcessingGroup(CommandDirectory.GROUP)
class BookingEventMetrics {

    private final Counter expired;
    private final Counter confirmed;
    private final Counter cancelled;

    BookingEventMetrics(MeterRegistry meters) {
        this.expired = counter(meters, "expired");
        this.confirmed = counter(meters, "confirmed");
        this.cancelled = counter(meters, "cancelled");
    }

    private static Counter counter(MeterRegistry meters, String transition) {
        return Counter.builder("bookwise.booking.transitions")
                .description("Committed booking state changes")
                .tag("transition", transition)
                .register(meters);
    }

    @EventHandler
    void on(BookingExpired event) {
        afterCommit(expired);
    }

    @EventHandler
    void on(BookingConfirmed event) {
        afterCommit(confirmed);
    }

    @EventHandler
    void on(BookingCancelled event) {
        afterCommit(cancelled);
    }

    private static void afterCommit(Counter counter) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> counter.increment());
        } else {
            counter.increment();
        }
    }
}
