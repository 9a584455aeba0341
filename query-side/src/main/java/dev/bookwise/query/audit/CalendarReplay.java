package dev.bookwise.query.audit;

import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.BookingStatus;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.query.booking.BookingView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A host's calendar folded from its events, in order: schedule, merged windows, live bookings. */
final class CalendarReplay {

    private Schedule schedule;
    private final List<AvailabilityWindow> windows = new ArrayList<>();
    private final Map<UUID, BookingView> live = new LinkedHashMap<>();

    void apply(Object event, Instant at) {
        if (event instanceof HostRegistered e) {
            schedule = Schedule.initial(e.timeZone());
        } else if (event instanceof ScheduleDefined e) {
            schedule = e.schedule();
        } else if (event instanceof AvailabilityWindowMerged e) {
            windows.removeAll(e.absorbed());
            windows.add(e.window());
        } else if (event instanceof BookingReserved e) {
            live.put(
                    e.bookingId(),
                    new BookingView(
                            e.bookingId(),
                            e.hostId(),
                            BookingStatus.RESERVED,
                            e.start(),
                            e.end(),
                            e.expiresAt(),
                            e.attendee(),
                            e.bufferBeforeMinutes(),
                            e.bufferAfterMinutes(),
                            null,
                            at,
                            at));
        } else if (event instanceof BookingConfirmed e) {
            live.computeIfPresent(
                    e.bookingId(),
                    (id, b) -> new BookingView(
                            id,
                            b.hostId(),
                            BookingStatus.CONFIRMED,
                            b.start(),
                            b.end(),
                            null,
                            b.attendee(),
                            b.bufferBeforeMinutes(),
                            b.bufferAfterMinutes(),
                            e.reason() == null ? b.reason() : e.reason(),
                            b.createdAt(),
                            at));
        } else if (event instanceof BookingRescheduled e) {
            live.computeIfPresent(
                    e.bookingId(),
                    (id, b) -> new BookingView(
                            id,
                            b.hostId(),
                            b.status(),
                            e.start(),
                            e.end(),
                            b.expiresAt(),
                            b.attendee(),
                            e.bufferBeforeMinutes(),
                            e.bufferAfterMinutes(),
                            b.reason(),
                            b.createdAt(),
                            at));
        } else if (event instanceof BookingCancelled e) {
            live.remove(e.bookingId());
        } else if (event instanceof BookingExpired e) {
            live.remove(e.bookingId());
        } else if (event instanceof BookingCompleted e) {
            live.remove(e.bookingId());
        }
    }

    Schedule schedule() {
        return schedule;
    }

    List<AvailabilityWindow> windows() {
        return windows.stream()
                .sorted(Comparator.comparing(AvailabilityWindow::startTime))
                .toList();
    }

    List<BookingView> liveBookings() {
        return live.values().stream()
                .sorted(Comparator.comparing(BookingView::start))
                .toList();
    }
}
