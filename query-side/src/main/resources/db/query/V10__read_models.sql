-- Read models, one table per projection (processing group). Every row carries the aggregate
-- sequence number of the last event applied, so a re-delivered older event never overwrites a newer state.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE host_view (
    host_id        UUID        PRIMARY KEY,
    name           TEXT        NOT NULL,
    email          TEXT        NOT NULL,
    time_zone      TEXT        NOT NULL,
    -- SHA-256 (hex) of the host's API key, to authenticate reads
    api_key_sha256 CHAR(64)    NOT NULL UNIQUE,
    registered_at  TIMESTAMPTZ NOT NULL,
    version        BIGINT      NOT NULL
);

-- the schedule exactly as the host defined it (the shared Schedule value type as JSON)
CREATE TABLE schedule_view (
    host_id    UUID        PRIMARY KEY,
    schedule   JSONB       NOT NULL,
    defined_at TIMESTAMPTZ NOT NULL,
    version    BIGINT      NOT NULL
);

-- one-off windows, merged and disjoint per host
CREATE TABLE window_view (
    host_id       UUID        NOT NULL,
    start_time    TIMESTAMPTZ NOT NULL,
    end_time      TIMESTAMPTZ NOT NULL,
    slot_duration INTEGER     NOT NULL,
    PRIMARY KEY (host_id, start_time)
);

CREATE TABLE booking_view (
    booking_id            UUID        PRIMARY KEY,
    host_id               UUID        NOT NULL,
    status                VARCHAR(16) NOT NULL,
    start_time            TIMESTAMPTZ NOT NULL,
    end_time              TIMESTAMPTZ NOT NULL,
    buffer_before_minutes INTEGER     NOT NULL,
    buffer_after_minutes  INTEGER     NOT NULL,
    -- [start - bufferBefore, end + bufferAfter): what the booking holds while it is live
    occupied              TSTZRANGE   NOT NULL,
    expires_at            TIMESTAMPTZ,
    attendee_name         TEXT        NOT NULL,
    attendee_email        TEXT        NOT NULL,
    attendee_time_zone    TEXT,
    reason                TEXT,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    version               BIGINT      NOT NULL
);
-- availability: the live bookings of a host overlapping a range
CREATE INDEX booking_view_live_occupied_idx ON booking_view USING gist (host_id, occupied)
    WHERE status IN ('RESERVED', 'CONFIRMED');
-- listings: a host's bookings by start, keyset-paged
CREATE INDEX booking_view_host_start_idx ON booking_view (host_id, start_time, booking_id);
