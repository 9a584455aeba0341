package dev.bookwise.query.eventtype;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.types.EventType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * A host's event types as the read model has them: the ones it defined (event_type_view) and its
 * default type, which has no row: it follows the default schedule ({@link EventType#defaultFor}).
 */
@Service
public class EventTypes {

    /** A type and whether it is archived (archived types take no bookings and offer no slots). */
    public record Known(EventType type, boolean archived) {}

    private final EventTypeRows rows;
    private final ObjectMapper json;

    EventTypes(EventTypeRows rows, ObjectMapper json) {
        this.rows = rows;
        this.json = json;
    }

    /** The default type first (when there is a default schedule), then the defined ones by slug. */
    public List<Known> ofHost(UUID hostId, Optional<Schedule> defaultSchedule) {
        List<Known> types = new ArrayList<>();
        defaultSchedule.ifPresent(schedule ->
                types.add(new Known(EventType.defaultFor(EventType.defaultIdFor(hostId), schedule), false)));
        for (EventTypeRow row : rows.findByHostIdOrderBySlugAsc(hostId)) {
            types.add(known(row));
        }
        return types;
    }

    /**
     * One type of the host; the default type's id finds the default type, derived from
     * {@code defaultSchedule} (the initial schedule for a host that has defined none).
     */
    public Optional<Known> find(UUID hostId, UUID eventTypeId, Supplier<Schedule> defaultSchedule) {
        if (EventType.defaultIdFor(hostId).equals(eventTypeId)) {
            return Optional.of(new Known(EventType.defaultFor(eventTypeId, defaultSchedule.get()), false));
        }
        return rows.findById(eventTypeId)
                .filter(row -> row.hostId().equals(hostId))
                .map(this::known);
    }

    /**
     * The defined types among {@code eventTypeIds} (default types have no row: see {@link #find}), by
     * id, in one query: a page of bookings finds its types at once.
     */
    public Map<UUID, Known> defined(Collection<UUID> eventTypeIds) {
        Map<UUID, Known> types = new HashMap<>();
        if (!eventTypeIds.isEmpty()) {
            rows.findByEventTypeIdIn(eventTypeIds).forEach(row -> types.put(row.eventTypeId(), known(row)));
        }
        return types;
    }

    private Known known(EventTypeRow row) {
        try {
            return new Known(json.readValue(row.eventType(), EventType.class), row.archived());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event_type_view holds an event type this version cannot read", e);
        }
    }
}
