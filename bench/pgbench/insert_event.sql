-- insert.sql plus the booking's event appended in the same transaction to a table shaped like Axon's
-- domain_event_entry (unique aggregate/sequence and event id, a ~400-byte JSON payload as bytea, metadata):
-- the "event store + constraint" limit. The sequence number is the slot number, unique like Axon's.
-- (No ':' inside string literals: pgbench would take ':name' for one of its variables.)
\set host random(1, 1000)
BEGIN;
SELECT nextval('bench_slot_seq') AS slot \gset
INSERT INTO bench_booking (host, during)
SELECT (:host)::int, tstzrange(t, t + interval '5 minutes')
FROM (SELECT timestamptz '2030-01-01 00:00:00+00' + (:slot)::bigint * interval '5 minutes' AS t) s;
INSERT INTO bench_event (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
                         payload_revision, payload_type, time_stamp)
SELECT host_id, (:slot)::bigint, 'HostCalendar', gen_random_uuid()::text,
       convert_to(json_build_object(
           'traceparent', '00-' || md5(random()::text) || '-' || left(md5(random()::text), 16) || '-01',
           'requestId', gen_random_uuid())::text, 'UTF8'),
       convert_to(json_build_object(
           'bookingId', gen_random_uuid(), 'hostId', host_id,
           'start', t, 'end', t + interval '5 minutes',
           'bufferBeforeMinutes', 0, 'bufferAfterMinutes', 0,
           'attendee', json_build_object('name', 'Bench attendee ' || (:slot)::bigint,
                                         'email', 'attendee-' || (:slot)::bigint || '@example.com',
                                         'timeZone', 'Europe/Paris'),
           'expiresAt', now() + interval '10 minutes',
           'deadlineId', gen_random_uuid())::text, 'UTF8'),
       '1', 'dev.bookwise.events.BookingReserved', now()::text
FROM (SELECT md5('host-' || (:host)::int)::uuid::text AS host_id,
             timestamptz '2030-01-01 00:00:00+00' + (:slot)::bigint * interval '5 minutes' AS t) s;
END;
