-- The raw PostgreSQL limit for BookWise's booking work: one row per booking in a table whose exclusion
-- constraint forbids two overlapping bookings of one host (what HostCalendar decides in the application).
-- bench_event has the shape of Axon's domain_event_entry (shared-events/.../V1__axon_event_store.sql)
-- for insert_event.sql, which appends the booking's event in the same transaction.
-- Run by run.sh in a scratch database; it drops and recreates everything, so it can run again.
CREATE EXTENSION IF NOT EXISTS btree_gist;

DROP TABLE IF EXISTS bench_booking;
DROP TABLE IF EXISTS bench_event;
DROP SEQUENCE IF EXISTS bench_slot_seq;

CREATE TABLE bench_booking (
    id     BIGSERIAL PRIMARY KEY,
    host   INT       NOT NULL,
    during TSTZRANGE NOT NULL,
    EXCLUDE USING gist (host WITH =, during WITH &&)
);

-- hands out slot numbers: no two transactions ever ask for the same slot, so every insert must succeed
-- (the constraint is still checked against the host's other bookings on every insert)
CREATE SEQUENCE bench_slot_seq;

CREATE TABLE bench_event (
    global_index         BIGSERIAL    NOT NULL PRIMARY KEY,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    CONSTRAINT bench_event_aggregate_sequence_key UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT bench_event_event_identifier_key UNIQUE (event_identifier)
);
