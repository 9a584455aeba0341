-- Event types, named schedules, and what booking_view needs for them.

-- one row per event type a host defined (the host's default type has no row: it follows schedule_view);
-- the type itself as the shared EventType value in JSON, the columns that are filtered on beside it
CREATE TABLE event_type_view (
    event_type_id UUID        PRIMARY KEY,
    host_id       UUID        NOT NULL,
    slug          TEXT        NOT NULL,
    title         TEXT        NOT NULL,
    event_type    JSONB       NOT NULL,
    is_public     BOOLEAN     NOT NULL,
    archived      BOOLEAN     NOT NULL,
    defined_at    TIMESTAMPTZ NOT NULL,
    version       BIGINT      NOT NULL
);
CREATE INDEX event_type_view_host_idx ON event_type_view (host_id, slug);

-- the host's named schedules (its default schedule stays in schedule_view)
CREATE TABLE named_schedule_view (
    schedule_id UUID        PRIMARY KEY,
    host_id     UUID        NOT NULL,
    name        TEXT,
    schedule    JSONB       NOT NULL,
    defined_at  TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL
);
CREATE INDEX named_schedule_view_host_idx ON named_schedule_view (host_id);

-- null event_type_id: a booking made before event types, of the host's default type
ALTER TABLE booking_view
    ADD COLUMN event_type_id       UUID,
    ADD COLUMN answers             JSONB,
    ADD COLUMN metadata            JSONB,
    -- SHA-256 (hex) of the attendee's manage token; never shown
    ADD COLUMN manage_token_sha256 TEXT;
-- a manage token is looked up by its digest
CREATE INDEX booking_view_manage_token_idx ON booking_view (manage_token_sha256)
    WHERE manage_token_sha256 IS NOT NULL;
-- limits: a type's bookings that count (RESERVED, CONFIRMED, COMPLETED) by start
CREATE INDEX booking_view_type_counted_idx ON booking_view (host_id, event_type_id, start_time)
    WHERE status IN ('RESERVED', 'CONFIRMED', 'COMPLETED');
