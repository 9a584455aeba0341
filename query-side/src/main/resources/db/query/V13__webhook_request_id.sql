-- The id of the HTTP request that caused the event, so a delivery's log lines name it too.
ALTER TABLE webhook_delivery ADD COLUMN request_id TEXT;
