package dev.bookwise.query.audit;

import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.events.BookingEvent;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.EventTypeArchived;
import dev.bookwise.events.EventTypeDefined;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import dev.bookwise.query.booking.BookingView;
import dev.bookwise.query.eventtype.EventTypeView;
import dev.bookwise.query.eventtype.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A host's calendar folded from its events, in order: default schedule, named schedules, event
 * types, merged windows, live bookings.
 */
final class CalendarReplay {

    /** A named schedule as it was. */
    public record NamedSchedule(UUID scheduleId, String name, Schedule schedule) {}

    private UUID hostId;
    private Schedule schedule;
    private boolean scheduleDefined;
    private final Map<UUID, NamedSchedule> schedules = new LinkedHashMap<>();
    private final Map<UUID, EventType> eventTypes = new LinkedHashMap<>();
    private final Set<UUID> archived = new HashSet<>();
    private final List<AvailabilityWindow> windows = new ArrayList<>();
    private final Map<UUID, BookingView> live = new LinkedHashMap<>();

    void apply(Object event, Instant at) {
        if (event instanceof HostRegistered e) {
            hostId = e.hostId();
            schedule = Schedule.initial(e.timeZone());
        } else if (event instanceof ScheduleDefined e) {
            if (e.isDefault()) {
                schedule = e.schedule();
                scheduleDefined = true;
            } else {
                schedules.put(e.scheduleId(), new NamedSchedule(e.scheduleId(), e.name(), e.schedule()));
            }
        } else if (event instanceof EventTypeDefined e) {
            eventTypes.put(e.eventType().id(), e.eventType());
        } else if (event instanceof EventTypeArchived e) {
            archived.add(e.eventTypeId());
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

    List<NamedSchedule> namedSchedules() {
        return List.copyOf(schedules.values());
    }

    /** The default type (once the default schedule was defined) and every defined type, archived ones marked. */
    List<EventTypeView> eventTypes() {
        List<EventTypeView> types = new ArrayList<>();
        if (scheduleDefined && hostId != null) {
            types.add(EventTypeView.of(
                    new EventTypes.Known(EventType.defaultFor(EventType.defaultIdFor(hostId), schedule), false)));
        }
        eventTypes
                .values()
                .forEach(type -> types.add(EventTypeView.of(new EventTypes.Known(type, archived.contains(type.id())))));
        return types;
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
