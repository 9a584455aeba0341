-- Which booking an attendee's manage token manages, by the token's SHA-256 (hex): the token itself
-- is never stored. Written with the booking's event (CommandDirectory), rebuilt from events like the
-- other directories.
CREATE TABLE booking_manage_token (
    token_sha256 CHAR(64) PRIMARY KEY,
    booking_id   UUID     NOT NULL
);
