package dev.bookwise.query.audit;

import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.events.BookingEvent;
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
            // named schedules are not the calendar's schedule; the default one is
            if (e.isDefault()) {
                schedule = e.schedule();
            }
        } else if (event instanceof AvailabilityWindowMerged e) {
            windows.removeAll(e.absorbed());
            windows.add(e.window());
        } else if (event instanceof BookingEvent e) {
            BookingView before = live.get(e.bookingId());
            if (before == null && !(e instanceof BookingReserved)) {
                return;
            }
            BookingView after = BookingView.after(before, e, at);
            if (after.status().isLive()) {
                live.put(e.bookingId(), after);
            } else {
                live.remove(e.bookingId());
            }
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
