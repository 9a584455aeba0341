package dev.bookwise.query.eventtype;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** event_type_view, read by id or by host; nothing is written through it. */
interface EventTypeRows extends Repository<EventTypeRow, UUID> {

    Optional<EventTypeRow> findById(UUID eventTypeId);

    List<EventTypeRow> findByHostIdOrderBySlugAsc(UUID hostId);
}
