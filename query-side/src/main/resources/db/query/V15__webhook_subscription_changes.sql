-- Every creation and deletion of a webhook subscription takes the next number here in its own
-- transaction and stamps the row with it (changed_version). The fan-out keeps the subscriptions in
-- memory and reads only the rows stamped after the last number it has seen; the locked row makes
-- the numbers visible in order, so none is passed over.
CREATE TABLE webhook_subscription_version (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    version   BIGINT  NOT NULL
);
INSERT INTO webhook_subscription_version (version) VALUES (0);

ALTER TABLE webhook_subscription ADD COLUMN changed_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX webhook_subscription_changed_idx ON webhook_subscription (changed_version);
