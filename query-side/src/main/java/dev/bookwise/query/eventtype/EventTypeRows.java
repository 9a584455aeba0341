package dev.bookwise.query.eventtype;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * event_type_view, read by id or by host; nothing is written through it. The reads take no
 * transaction of their own: the application's transaction manager is JDBC's, and one would only hold
 * a second connection while Hibernate reads on its own.
 */
@Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
interface EventTypeRows extends Repository<EventTypeRow, UUID> {

    Optional<EventTypeRow> findById(UUID eventTypeId);

    List<EventTypeRow> findByHostIdOrderBySlugAsc(UUID hostId);

    List<EventTypeRow> findByEventTypeIdIn(Collection<UUID> eventTypeIds);
}
