-- Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue): events a processing group could not
-- apply, parked per sequence (the host, i.e. the aggregate) in their order, until they are retried or evicted.
-- The columns, types and constraints are those of Axon's GenericDeadLetterTableFactory (its createSchema),
-- with snake_case names (DeadLetterTable in dev.bookwise.query.deadletter maps them) and bytea for
-- serialized data (JSON from Jackson). Axon writes the timestamps as ISO-8601 text, hence VARCHAR.
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  NOT NULL,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    time_stamp           VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    type                 VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_entry_pkey PRIMARY KEY (dead_letter_id),
    -- a sequence's letters in order. Axon's createSchema also indexes (processing_group) and
    -- (processing_group, sequence_identifier): both are prefixes of this constraint's index, so they are left out
    CONSTRAINT dead_letter_entry_sequence_index_key UNIQUE (processing_group, sequence_identifier, sequence_index)
);
