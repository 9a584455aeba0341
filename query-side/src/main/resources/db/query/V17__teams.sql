-- Teams: the team itself, its event types, and what booking_view needs for team bookings.

-- one row per team; members as the shared TeamMember list in JSON ({hostId, weight, priority}), in the team's order
CREATE TABLE team_view (
    team_id        UUID        PRIMARY KEY,
    name           TEXT        NOT NULL,
    members        JSONB       NOT NULL,
    -- SHA-256 (hex) of the team's API key, to authenticate reads
    api_key_sha256 CHAR(64)    NOT NULL UNIQUE,
    created_at     TIMESTAMPTZ NOT NULL,
    version        BIGINT      NOT NULL
);

-- one row per event type a team defined: the shared TeamEventType value in JSON (the type, its
-- assignment and its members, null for every member), the columns that are filtered on beside it.
-- A team's type has no host: each member's default schedule applies.
CREATE TABLE team_event_type_view (
    event_type_id   UUID        PRIMARY KEY,
    team_id         UUID        NOT NULL,
    slug            TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    team_event_type JSONB       NOT NULL,
    is_public       BOOLEAN     NOT NULL,
    archived        BOOLEAN     NOT NULL,
    defined_at      TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL
);
CREATE INDEX team_event_type_view_team_idx ON team_event_type_view (team_id, slug);

-- team_id: booked through a team's event type; host_ids: every member a collective booking occupies
-- (sorted; host_id is then the first of them, whose events speak for the booking)
ALTER TABLE booking_view
    ADD COLUMN team_id  UUID,
    ADD COLUMN host_ids UUID[];
-- listings: a team's bookings by start, keyset-paged
CREATE INDEX booking_view_team_start_idx ON booking_view (team_id, start_time, booking_id)
    WHERE team_id IS NOT NULL;

-- the members of each collective booking (its one booking_view row is under its first member):
-- every member's list, availability and limits find the collective bookings it is part of here
CREATE TABLE booking_member (
    host_id    UUID NOT NULL,
    booking_id UUID NOT NULL,
    PRIMARY KEY (host_id, booking_id)
);

-- The Kafka publisher publishes a collective booking's changes once, from its first member's
-- stream: it remembers here the other members' streams of each collective booking it has seen
-- reserved, so that their events are passed over even before the first member's are read.
CREATE TABLE published_follower (
    booking_id UUID NOT NULL,
    host_id    UUID NOT NULL,
    PRIMARY KEY (booking_id, host_id)
);

-- Webhook subscriptions for a team: they receive the events of the bookings made through the team.
-- (host_id NULL and team_id NULL: every host, admin only.)
ALTER TABLE webhook_subscription ADD COLUMN team_id UUID;
CREATE INDEX webhook_subscription_team_idx ON webhook_subscription (team_id) WHERE deleted_at IS NULL;
