-- Command-side lookups kept in the same transaction as the events that cause them.

-- host API keys, as SHA-256 hex digests only
CREATE TABLE host_credential (
    api_key_sha256 CHAR(64) PRIMARY KEY,
    host_id        UUID     NOT NULL UNIQUE
);

-- which host calendar a booking lives in, so commands on /api/bookings/{id} reach the right aggregate
CREATE TABLE booking_directory (
    booking_id UUID PRIMARY KEY,
    host_id    UUID NOT NULL
);

-- first responses of requests that carried an Idempotency-Key, replayed to retries
CREATE TABLE idempotency_record (
    principal         VARCHAR(64)  NOT NULL,
    idempotency_key   VARCHAR(255) NOT NULL,
    request_sha256    CHAR(64)     NOT NULL,
    response_status   INTEGER      NOT NULL,
    response_body     TEXT         NOT NULL,
    response_position BIGINT,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX idempotency_record_created_at_idx ON idempotency_record (created_at);
