package dev.bookwise.query.webhook;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.config.WebhookProperties;
import dev.bookwise.web.secrets.SecretBox;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * webhook_subscription. Every creation and deletion takes the next number of
 * webhook_subscription_version in its transaction and stamps the row with it, so an in-memory copy
 * ({@link SubscriptionDirectory}) is brought up to date by reading the rows stamped after the
 * number it has seen. The version row is locked until the change commits, so numbers become
 * visible in order and none is skipped.
 */
@Repository
class WebhookSubscriptionRepository {

    /** A subscription with what only the service may see. */
    record Stored(WebhookSubscription subscription, String secret, String owner, String requestSha256) {}

    /** What a creation came to: a new subscription, or the one an earlier request with the same key made. */
    record Created(Stored stored, boolean replayed, boolean deleted) {}

    /** A subscription as it changed at {@code version}: made, or deleted. */
    record Change(WebhookSubscription subscription, boolean deleted, long version) {}

    /** Transaction-scoped advisory lock class of subscription creations (scope: a host, or all hosts). */
    private static final int CREATION_LOCK = 40;

    private static final String COLUMNS =
            "subscription_id, host_id, team_id, url, event_types, created_at, secret, owner, request_sha256";

    private static final RowMapper<WebhookSubscription> SUBSCRIPTION = (rs, i) -> new WebhookSubscription(
            rs.getObject("subscription_id", UUID.class),
            rs.getObject("host_id", UUID.class),
            rs.getString("url"),
            strings(rs.getArray("event_types")),
            rs.getTimestamp("created_at").toInstant(),
            rs.getObject("team_id", UUID.class));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final WebhookProperties properties;
    // signing secrets are sealed at rest (AES-GCM under BOOKWISE_SECRET_KEY); rows from before are read as they are
    private final RowMapper<Stored> row;
    private final SecretBox secrets;

    WebhookSubscriptionRepository(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            WebhookProperties properties,
            SecretBox secrets) {
        this.row = (rs, i) -> new Stored(
                SUBSCRIPTION.mapRow(rs, i),
                secrets.open(rs.getString("secret")),
                rs.getString("owner"),
                rs.getString("request_sha256"));
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
    }

    /**
     * Inserts, unless the owner used this idempotency key within the retention: then the earlier
     * subscription is returned (marked deleted if it was). Under a lock per host (or for all-host
     * subscriptions) the live subscriptions are counted first; at the limit: 422
     * subscription-limit-reached. An expired key is released and the request made anew.
     */
    Created create(Stored subscription, String idempotencyKey) {
        try {
            return transaction.execute(status -> createLocked(subscription, idempotencyKey));
        } catch (DuplicateKeyException e) {
            if (idempotencyKey == null) {
                throw e;
            }
            // the same key, for another host, committed meanwhile
            return transaction.execute(status ->
                    earlier(subscription.owner(), idempotencyKey, Instant.now()).orElseThrow(() -> e));
        }
    }

    private Created createLocked(Stored subscription, String idempotencyKey) {
        UUID hostId = subscription.subscription().hostId();
        UUID teamId = subscription.subscription().teamId();
        jdbc.queryForObject(
                "SELECT pg_advisory_xact_lock(?, hashtext(?))::text",
                String.class,
                CREATION_LOCK,
                teamId != null ? "team " + teamId : hostId == null ? "all hosts" : hostId.toString());
        Instant now = Instant.now();
        if (idempotencyKey != null) {
            Optional<Created> earlier = earlier(subscription.owner(), idempotencyKey, now);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        int live = teamId != null
                ? count("SELECT count(*) FROM webhook_subscription WHERE deleted_at IS NULL AND team_id = ?", teamId)
                : hostId == null
                        ? count("SELECT count(*) FROM webhook_subscription"
                                + " WHERE deleted_at IS NULL AND host_id IS NULL AND team_id IS NULL")
                        : count(
                                "SELECT count(*) FROM webhook_subscription WHERE deleted_at IS NULL AND host_id = ?",
                                hostId);
        // a team has as many as a host
        int limit = hostId == null && teamId == null
                ? properties.maxAllHostSubscriptions()
                : properties.maxSubscriptionsPerHost();
        if (live >= limit) {
            throw new BookwiseException(
                    ErrorCode.SUBSCRIPTION_LIMIT_REACHED,
                    (teamId != null
                                    ? "team " + teamId + " has " + live + " webhook subscriptions"
                                    : hostId == null
                                            ? "there are " + live + " subscriptions for every host"
                                            : "host " + hostId + " has " + live + " webhook subscriptions")
                            + ", the most allowed; delete one first");
        }
        long version = nextVersion();
        // created when it becomes visible, as nearly as a transaction allows: it receives the events that happen after
        WebhookSubscription s = subscription.subscription();
        WebhookSubscription made =
                new WebhookSubscription(s.id(), s.hostId(), s.url(), s.events(), Instant.now(), s.teamId());
        jdbc.update(
                """
                INSERT INTO webhook_subscription (subscription_id, host_id, team_id, url, event_types, secret, owner,
                    idempotency_key, request_sha256, created_at, changed_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                made.id(),
                made.hostId(),
                made.teamId(),
                made.url(),
                made.events().toArray(String[]::new),
                secrets.seal(subscription.secret()),
                subscription.owner(),
                idempotencyKey,
                subscription.requestSha256(),
                Timestamp.from(made.createdAt()),
                version);
        return new Created(
                new Stored(made, subscription.secret(), subscription.owner(), subscription.requestSha256()),
                false,
                false);
    }

    /** Takes the next version number; its row stays locked until the transaction ends. */
    private long nextVersion() {
        Long version = jdbc.queryForObject(
                "UPDATE webhook_subscription_version SET version = version + 1 RETURNING version", Long.class);
        return version == null ? 0 : version;
    }

    /** The subscription an earlier request with this key made, if the key has not expired (an expired key is released). */
    private Optional<Created> earlier(String owner, String idempotencyKey, Instant now) {
        record Earlier(Stored stored, Instant createdAt, boolean deleted) {}
        Optional<Earlier> found = jdbc
                .query(
                        "SELECT " + COLUMNS + ", deleted_at IS NOT NULL AS deleted FROM webhook_subscription"
                                + " WHERE owner = ? AND idempotency_key = ?",
                        (rs, i) -> new Earlier(
                                row.mapRow(rs, i), rs.getTimestamp("created_at").toInstant(), rs.getBoolean("deleted")),
                        owner,
                        idempotencyKey)
                .stream()
                .findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().createdAt().isBefore(now.minus(properties.idempotencyRetention()))) {
            releaseKey(found.get().stored().subscription().id());
            return Optional.empty();
        }
        return Optional.of(new Created(found.get().stored(), true, found.get().deleted()));
    }

    private void releaseKey(UUID subscriptionId) {
        jdbc.update(
                "UPDATE webhook_subscription SET idempotency_key = NULL, request_sha256 = NULL WHERE subscription_id = ?",
                subscriptionId);
    }

    /** Releases every idempotency key older than the retention; returns how many. */
    int releaseExpiredIdempotencyKeys(Instant now) {
        return jdbc.update("""
                UPDATE webhook_subscription SET idempotency_key = NULL, request_sha256 = NULL
                 WHERE idempotency_key IS NOT NULL AND created_at < ?
                """, Timestamp.from(now.minus(properties.idempotencyRetention())));
    }

    Optional<Stored> find(UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS
                                + " FROM webhook_subscription WHERE subscription_id = ? AND deleted_at IS NULL",
                        row,
                        id)
                .stream()
                .findFirst();
    }

    /** Live subscriptions of one team, else of one host, or all of them when both are null. */
    List<WebhookSubscription> list(UUID hostId, UUID teamId) {
        String where = teamId != null ? " AND team_id = ?" : hostId == null ? "" : " AND host_id = ?";
        Object[] args = teamId != null ? new Object[] {teamId} : hostId == null ? new Object[0] : new Object[] {hostId};
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM webhook_subscription WHERE deleted_at IS NULL" + where
                                + " ORDER BY created_at, subscription_id",
                        row,
                        args)
                .stream()
                .map(Stored::subscription)
                .toList();
    }

    /** The number of the last committed change. */
    long currentVersion() {
        Long version = jdbc.queryForObject("SELECT version FROM webhook_subscription_version", Long.class);
        return version == null ? 0 : version;
    }

    /**
     * Subscriptions made or deleted after {@code version}, oldest change first. From the start
     * ({@code version < 0}) only the live ones.
     */
    List<Change> changesSince(long version) {
        return jdbc.query(
                """
                SELECT subscription_id, host_id, team_id, url, event_types, created_at,
                       deleted_at IS NOT NULL AS deleted,
                       changed_version
                  FROM webhook_subscription
                 WHERE changed_version > ? AND (? OR deleted_at IS NULL)
                 ORDER BY changed_version
                """,
                (rs, i) ->
                        new Change(SUBSCRIPTION.mapRow(rs, i), rs.getBoolean("deleted"), rs.getLong("changed_version")),
                version,
                version >= 0);
    }

    /** Marks the subscription deleted; call it in a transaction (the version row is locked until it ends). */
    boolean delete(UUID id, Instant at) {
        return jdbc.update(
                        "UPDATE webhook_subscription SET deleted_at = ?, changed_version = ? WHERE subscription_id = ? AND deleted_at IS NULL",
                        Timestamp.from(at),
                        nextVersion(),
                        id)
                == 1;
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
