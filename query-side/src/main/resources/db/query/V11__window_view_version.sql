-- Window events of a host must not be applied out of order (a rebuild re-applies recent events):
-- each row remembers the sequence number of the event that wrote it.
ALTER TABLE window_view ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE window_view ALTER COLUMN version DROP DEFAULT;
