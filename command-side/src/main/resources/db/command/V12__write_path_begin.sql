-- The first round trip of every write (see CommandExecutor): claim the request's Idempotency-Key
-- for this transaction and return the answer already stored for it, or take the host's lock and
-- return its calendar's last sequence number (what the in-memory calendar is checked against).
-- One statement instead of four; the rest of the write is one more statement and the commit.
CREATE FUNCTION bookwise_begin_write(p_principal TEXT, p_key TEXT, p_host TEXT, p_lock_host BOOLEAN)
    RETURNS TABLE (
        claimed           BOOLEAN,
        request_sha256    TEXT,
        response_status   INTEGER,
        response_body     TEXT,
        response_position BIGINT,
        last_sequence     BIGINT
    )
    LANGUAGE plpgsql
AS
$$
BEGIN
    IF p_key IS NOT NULL THEN
        -- another transaction holding the key is a request still in flight
        IF NOT pg_try_advisory_xact_lock(2, hashtext(p_principal || E'\n' || p_key)) THEN
            RETURN QUERY SELECT FALSE, NULL::TEXT, NULL::INTEGER, NULL::TEXT, NULL::BIGINT, NULL::BIGINT;
            RETURN;
        END IF;
        RETURN QUERY
            SELECT TRUE, r.request_sha256::TEXT, r.response_status, r.response_body, r.response_position, NULL::BIGINT
            FROM idempotency_record r
            WHERE r.principal = p_principal AND r.idempotency_key = p_key;
        IF FOUND THEN
            RETURN;
        END IF;
    END IF;
    IF p_host IS NOT NULL AND p_lock_host THEN
        PERFORM pg_advisory_xact_lock(1, hashtext(p_host));
    END IF;
    RETURN QUERY
        SELECT TRUE, NULL::TEXT, NULL::INTEGER, NULL::TEXT, NULL::BIGINT,
               (SELECT max(e.sequence_number) FROM domain_event_entry e WHERE e.aggregate_identifier = p_host);
END
$$;
