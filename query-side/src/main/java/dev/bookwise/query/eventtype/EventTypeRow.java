package dev.bookwise.query.eventtype;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of event_type_view, read only: {@link EventTypeProjection} writes the table. */
@Entity
@Immutable
@Table(name = "event_type_view")
class EventTypeRow {

    @Id
    @Column(name = "event_type_id")
    private UUID eventTypeId;

    @Column(name = "host_id", nullable = false)
    private UUID hostId;

    @Column(nullable = false)
    private String slug;

    @Column(nullable = false)
    private String title;

    /** The shared EventType value as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(name = "is_public", nullable = false)
    private boolean isPublic;

    @Column(nullable = false)
    private boolean archived;

    @Column(name = "defined_at", nullable = false)
    private Instant definedAt;

    @Column(nullable = false)
    private long version;

    protected EventTypeRow() {}

    UUID eventTypeId() {
        return eventTypeId;
    }

    UUID hostId() {
        return hostId;
    }

    String slug() {
        return slug;
    }

    String eventType() {
        return eventType;
    }

    boolean isPublic() {
        return isPublic;
    }

    boolean archived() {
        return archived;
    }
}
