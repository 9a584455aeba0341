-- Grows an event store for the replay benchmark: appends :copies copies of every event already in
-- domain_event_entry, each copy under new host and booking ids (derived from the old ones and the
-- copy number, so a copy is a consistent history of its own) and a new API key digest.
--
--   psql -h 127.0.0.1 -U postgres -d bookwise -v copies=17 -f bench/replay/grow-store.sql
--
-- Only for a scratch or benchmark database: the copies are real events that every processor,
-- the Kafka topic and the webhooks will see.
\set ON_ERROR_STOP on

CREATE TEMP TABLE grow_source AS
SELECT global_index, aggregate_identifier, sequence_number, type, meta_data,
       convert_from(payload, 'UTF8')::jsonb AS payload, payload_revision, payload_type, time_stamp
FROM domain_event_entry;

INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
                                payload_revision, payload_type, time_stamp)
SELECT md5(s.aggregate_identifier || ':' || c)::uuid::text,
       s.sequence_number, s.type, gen_random_uuid()::text, s.meta_data,
       convert_to((
           SELECT jsonb_object_agg(key, CASE
                       WHEN key IN ('hostId', 'bookingId') THEN to_jsonb(md5((value #>> '{}') || ':' || c)::uuid::text)
                       WHEN key = 'apiKeySha256' THEN to_jsonb(encode(sha256(convert_to((value #>> '{}') || ':' || c, 'UTF8')), 'hex'))
                       ELSE value END)
           FROM jsonb_each(s.payload))::text, 'UTF8'),
       s.payload_revision, s.payload_type, s.time_stamp
FROM generate_series(1, :copies) AS c, grow_source s
ORDER BY c, s.global_index;

SELECT count(*) AS events, count(DISTINCT aggregate_identifier) AS hosts FROM domain_event_entry;
