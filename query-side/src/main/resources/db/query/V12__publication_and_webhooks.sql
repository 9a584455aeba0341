-- The Kafka publisher's own view of each booking: the state after the last event it published,
-- updated in the same transaction as its tracking token, so the booking it sends with event n is
-- exactly the booking after event n (never a later state another projection has reached).
CREATE TABLE published_booking (
    booking_id UUID   PRIMARY KEY,
    host_id    UUID   NOT NULL,
    booking    TEXT   NOT NULL,
    version    BIGINT NOT NULL
);

-- Webhook subscriptions. host_id NULL: every host (admin only). The secret must sign, so it is kept;
-- it is returned once, at creation, and never logged.
CREATE TABLE webhook_subscription (
    subscription_id  UUID        PRIMARY KEY,
    host_id          UUID,
    url              TEXT        NOT NULL,
    event_types      TEXT[]      NOT NULL,
    secret           TEXT        NOT NULL,
    owner            TEXT        NOT NULL,
    idempotency_key  TEXT,
    request_sha256   TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    deleted_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX webhook_subscription_idempotency_idx ON webhook_subscription (owner, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX webhook_subscription_host_idx ON webhook_subscription (host_id) WHERE deleted_at IS NULL;

-- One row per (event, subscription): the message every attempt sends, and where it stands.
CREATE TABLE webhook_delivery (
    webhook_id       TEXT        PRIMARY KEY,
    subscription_id  UUID        NOT NULL REFERENCES webhook_subscription (subscription_id),
    event_id         TEXT        NOT NULL,
    event_type       TEXT        NOT NULL,
    host_id          UUID        NOT NULL,
    booking_id       UUID        NOT NULL,
    payload          TEXT        NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    status           TEXT        NOT NULL,
    attempts         INT         NOT NULL DEFAULT 0,
    -- attempts made before the last re-drive; each re-drive gets the full number of attempts again
    redrive_from     INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, created_at);
CREATE INDEX webhook_delivery_failed_idx ON webhook_delivery (subscription_id) WHERE status = 'FAILED';

-- Every attempt, as the delivery log shows it.
CREATE TABLE webhook_attempt (
    webhook_id       TEXT        NOT NULL REFERENCES webhook_delivery (webhook_id),
    attempt          INT         NOT NULL,
    subscription_id  UUID        NOT NULL,
    event_type       TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    response_code    INT,
    attempted_at     TIMESTAMPTZ NOT NULL,
    duration_ms      BIGINT      NOT NULL,
    error            TEXT,
    response_prefix  TEXT,
    PRIMARY KEY (webhook_id, attempt)
);
CREATE INDEX webhook_attempt_subscription_idx ON webhook_attempt (subscription_id, attempted_at, webhook_id, attempt);

-- db-scheduler's table for the query side's tasks (webhook attempts), apart from the command side's.
CREATE TABLE query_scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX query_scheduled_tasks_execution_time_idx ON query_scheduled_tasks (execution_time);
CREATE INDEX query_scheduled_tasks_last_heartbeat_idx ON query_scheduled_tasks (last_heartbeat);
CREATE INDEX query_scheduled_tasks_priority_execution_time_idx ON query_scheduled_tasks (priority DESC, execution_time ASC);
