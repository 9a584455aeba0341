-- Busy times of the hosts' own calendars (ExternalBusyTimesSynced), read by availability like
-- bookings: taken time that shares with nothing.
CREATE TABLE busy_time_view (
    source_id  UUID        NOT NULL,
    host_id    UUID        NOT NULL,
    start_time TIMESTAMPTZ NOT NULL,
    end_time   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source_id, start_time, end_time)
);
CREATE INDEX busy_time_view_host ON busy_time_view USING gist (host_id, tstzrange(start_time, end_time));
