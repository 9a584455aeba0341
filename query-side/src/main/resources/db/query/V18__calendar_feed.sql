-- Hosts' calendar feeds (GET /api/hosts/{hostId}/calendar.ics?token=...). Not a read model: no event
-- carries it and a rebuild leaves it alone. Only the SHA-256 (hex) of the URL's secret is kept, never
-- the secret; one row per host, so rotating the secret replaces the row and the previous URL stops
-- working at once.
CREATE TABLE calendar_feed (
    host_id      UUID        PRIMARY KEY,
    token_sha256 CHAR(64)    NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
