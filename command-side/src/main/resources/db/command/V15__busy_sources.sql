-- The host's own calendars whose busy times count as taken. What a source *found* is in the host's
-- event stream (ExternalBusyTimesSynced); here is how to reach it (the address and password sealed
-- with the application's secret key: a feed's address is often its only secret) and how its last
-- sync went, which is operational state, not an event.
CREATE TABLE busy_source (
    source_id       UUID PRIMARY KEY,
    host_id         UUID        NOT NULL,
    type            TEXT        NOT NULL,
    sealed_url      TEXT        NOT NULL,
    server          TEXT        NOT NULL,
    username        TEXT,
    sealed_password TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    last_synced_at  TIMESTAMPTZ,
    last_error      TEXT,
    busy_count      INTEGER     NOT NULL DEFAULT 0
);
CREATE INDEX busy_source_host ON busy_source (host_id, created_at);
