package dev.bookwise.query.webhook;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class WebhookSubscriptions {

    /** A subscription with what only the service may see. */
    record Stored(WebhookSubscription subscription, String secret, String owner, String requestSha256) {}

    private static final String COLUMNS =
            "subscription_id, host_id, url, event_types, created_at, secret, owner, request_sha256";

    private static final RowMapper<Stored> ROW = (rs, i) -> new Stored(
            new WebhookSubscription(
                    rs.getObject("subscription_id", UUID.class),
                    rs.getObject("host_id", UUID.class),
                    rs.getString("url"),
                    strings(rs.getArray("event_types")),
                    rs.getTimestamp("created_at").toInstant()),
            rs.getString("secret"),
            rs.getString("owner"),
            rs.getString("request_sha256"));

    private final JdbcTemplate jdbc;

    WebhookSubscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts, unless the owner already used this idempotency key: then the earlier subscription is returned. */
    Stored create(Stored subscription, String idempotencyKey) {
        WebhookSubscription s = subscription.subscription();
        try {
            jdbc.update(
                    """
                    INSERT INTO webhook_subscription (subscription_id, host_id, url, event_types, secret, owner,
                        idempotency_key, request_sha256, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    s.id(),
                    s.hostId(),
                    s.url(),
                    s.events().toArray(String[]::new),
                    subscription.secret(),
                    subscription.owner(),
                    idempotencyKey,
                    subscription.requestSha256(),
                    Timestamp.from(s.createdAt()));
            return subscription;
        } catch (DuplicateKeyException e) {
            if (idempotencyKey == null) {
                throw e;
            }
            return jdbc
                    .query(
                            "SELECT " + COLUMNS + " FROM webhook_subscription WHERE owner = ? AND idempotency_key = ?",
                            ROW,
                            subscription.owner(),
                            idempotencyKey)
                    .stream()
                    .findFirst()
                    .orElseThrow(() -> e);
        }
    }

    Optional<Stored> find(UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS
                                + " FROM webhook_subscription WHERE subscription_id = ? AND deleted_at IS NULL",
                        ROW,
                        id)
                .stream()
                .findFirst();
    }

    /** Live subscriptions of one host, or of every host when {@code hostId} is null. */
    List<WebhookSubscription> list(UUID hostId) {
        String where = hostId == null ? "" : " AND host_id = ?";
        Object[] args = hostId == null ? new Object[0] : new Object[] {hostId};
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM webhook_subscription WHERE deleted_at IS NULL" + where
                                + " ORDER BY created_at, subscription_id",
                        ROW,
                        args)
                .stream()
                .map(Stored::subscription)
                .toList();
    }

    /** Live subscriptions that want this event of this host and existed when it happened. */
    List<Stored> matching(UUID hostId, String eventType, Instant occurredAt) {
        return jdbc.query("SELECT " + COLUMNS + """
                 FROM webhook_subscription
                WHERE deleted_at IS NULL AND (host_id = ? OR host_id IS NULL) AND ? = ANY (event_types)
                  AND created_at <= ?
                """, ROW, hostId, eventType, Timestamp.from(occurredAt));
    }

    boolean delete(UUID id, Instant at) {
        return jdbc.update(
                        "UPDATE webhook_subscription SET deleted_at = ? WHERE subscription_id = ? AND deleted_at IS NULL",
                        Timestamp.from(at),
                        id)
                == 1;
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
