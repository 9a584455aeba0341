-- A refusal the command side already knows (see CommandExecutor's shortcut): answer it without the
-- write's locks when every stream it was decided on is still at the version it was decided at.
-- The versions are read in one statement, so from one snapshot: the answer is the one a write
-- holding every lock at that moment would have given. With an Idempotency-Key the key is claimed
-- as bookwise_begin_write claims it and the answer stored, as a write's flush stores it.
-- FALSE: a stream moved on, the key is in flight or answered already; nothing was written.
CREATE FUNCTION bookwise_refuse_if_unchanged(p_principal TEXT, p_key TEXT, p_request_sha256 TEXT,
                                             p_ids TEXT[], p_sequences BIGINT[],
                                             p_status INTEGER, p_body TEXT)
    RETURNS BOOLEAN
    LANGUAGE plpgsql
AS
$$
BEGIN
    IF p_key IS NOT NULL
        AND NOT pg_try_advisory_xact_lock(2, hashtext(p_principal || E'\n' || p_key)) THEN
        RETURN FALSE;
    END IF;
    IF EXISTS (SELECT 1
               FROM unnest(p_ids, p_sequences) AS known(id, sequence_number)
               WHERE (SELECT max(e.sequence_number)
                      FROM domain_event_entry e
                      WHERE e.aggregate_identifier = known.id) IS DISTINCT FROM known.sequence_number) THEN
        RETURN FALSE;
    END IF;
    IF p_key IS NOT NULL THEN
        INSERT INTO idempotency_record (principal, idempotency_key, request_sha256, response_status, response_body)
        VALUES (p_principal, p_key, p_request_sha256, p_status, p_body)
        ON CONFLICT DO NOTHING;
        RETURN FOUND;
    END IF;
    RETURN TRUE;
END
$$;
