-- One booking: a random host of 1,000, a 5-minute slot nobody else gets (from bench_slot_seq),
-- in its own transaction, checked by the exclusion constraint.
\set host random(1, 1000)
BEGIN;
INSERT INTO bench_booking (host, during)
SELECT (:host)::int, tstzrange(t, t + interval '5 minutes')
FROM (SELECT timestamptz '2030-01-01 00:00:00+00' + nextval('bench_slot_seq') * interval '5 minutes' AS t) slot;
END;
