package dev.bookwise.query.eventtype;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.events.EventTypeArchived;
import dev.bookwise.events.EventTypeDefined;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import dev.bookwise.query.projection.StoredText;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * event_type_view: each event type a host defined, as last defined, and whether it is archived.
 * Rows carry the sequence number of the host's event that last wrote them, so a re-applied older
 * event changes nothing; a type defined again keeps its archived flag.
 */
@ProcessingGroup(ReadModel.EVENT_TYPES_GROUP)
public class EventTypeProjection {

    private final ProjectionWrites writes;
    private final ObjectMapper json;
    private final String table;

    public EventTypeProjection(ProjectionWrites writes, ObjectMapper json, String table) {
        this.writes = writes;
        this.json = json;
        this.table = table;
    }

    @EventHandler
    void on(EventTypeDefined event, @org.axonframework.eventhandling.Timestamp Instant at, @SequenceNumber long version)
            throws JsonProcessingException {
        EventType type = event.eventType();
        writes.write(
                table,
                type.id(),
                ("""
                INSERT INTO %1$s (event_type_id, host_id, slug, title, event_type, is_public, archived, defined_at, version)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, false, ?, ?)
                ON CONFLICT (event_type_id) DO UPDATE SET slug = EXCLUDED.slug, title = EXCLUDED.title,
                    event_type = EXCLUDED.event_type, is_public = EXCLUDED.is_public, defined_at = EXCLUDED.defined_at,
                    version = EXCLUDED.version
                WHERE %1$s.version < EXCLUDED.version
                """).formatted(table),
                type.id(),
                event.hostId(),
                StoredText.of(type.slug()),
                StoredText.of(type.title()),
                StoredText.json(json.writeValueAsString(type)),
                type.isPublic(),
                Timestamp.from(at),
                version);
    }

    @EventHandler
    void on(EventTypeArchived event, @SequenceNumber long version) {
        writes.write(
                table,
                event.eventTypeId(),
                ("UPDATE %1$s SET archived = true, version = ? WHERE event_type_id = ? AND host_id = ? AND version < ?")
                        .formatted(table),
                version,
                event.eventTypeId(),
                event.hostId(),
                version);
    }

    @ResetHandler
    void reset() {
        writes.jdbc().update("TRUNCATE " + table);
    }
}
