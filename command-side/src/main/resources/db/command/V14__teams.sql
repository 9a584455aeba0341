-- Team keys, by their SHA-256 (hex), as host keys are kept in host_credential.
CREATE TABLE team_credential (
    api_key_sha256 CHAR(64) PRIMARY KEY,
    team_id        UUID     NOT NULL UNIQUE
);

-- A team booking: the team it was made through and, for a collective booking, every member
-- calendar it lives in (comma-separated, sorted); host_id is then the first of them.
ALTER TABLE booking_directory
    ADD COLUMN team_id  UUID,
    ADD COLUMN host_ids TEXT;

-- Locks several hosts' calendars for one transaction, always in the same order (the order of the
-- locks' own keys, so that two ids that share a key are one lock taken once), so that two writers
-- that need overlapping sets of calendars never wait for each other in a cycle, and returns each
-- calendar's last sequence number read under its lock.
CREATE FUNCTION bookwise_lock_hosts(p_hosts TEXT[])
    RETURNS TABLE (host TEXT, last_sequence BIGINT)
    LANGUAGE plpgsql
AS
$$
DECLARE
    k INTEGER;
BEGIN
    FOR k IN SELECT DISTINCT hashtext(x) FROM unnest(p_hosts) AS x ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock(1, k);
    END LOOP;
    RETURN QUERY
        SELECT x, (SELECT max(e.sequence_number) FROM domain_event_entry e WHERE e.aggregate_identifier = x)
        FROM unnest(p_hosts) AS x;
END
$$;
