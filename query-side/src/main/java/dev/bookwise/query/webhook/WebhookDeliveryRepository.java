package dev.bookwise.query.webhook;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** webhook_delivery (one message per event and subscription) and webhook_attempt (the delivery log). */
@Repository
class WebhookDeliveryRepository {

    enum Status {
        PENDING,
        RETRYING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    record Delivery(
            String webhookId,
            UUID subscriptionId,
            String eventType,
            String payload,
            Instant occurredAt,
            Status status,
            int attempts,
            int redriveFrom,
            String requestId) {}

    /** One attempt as the delivery log answers it. */
    record Attempt(
            String webhookId,
            String eventType,
            int attempt,
            String status,
            Integer responseCode,
            Instant attemptedAt,
            long durationMs,
            String error) {}

    private final JdbcTemplate jdbc;

    /** db-scheduler's table of this side's tasks (the webhook attempts). */
    private final String taskTable;

    WebhookDeliveryRepository(JdbcTemplate jdbc, DbSchedulerProperties scheduler) {
        this.taskTable = scheduler.getTableName();
        this.jdbc = jdbc;
    }

    /** A message the fan-out makes: one event for one subscription. */
    record NewDelivery(
            String webhookId,
            UUID subscriptionId,
            String eventId,
            String eventType,
            UUID hostId,
            UUID bookingId,
            String payload,
            Instant occurredAt,
            String requestId) {}

    /**
     * Inserts the messages in one statement; returns those that were not there yet (a message that
     * exists already comes from a Kafka record read again).
     */
    List<NewDelivery> insertIfAbsent(List<NewDelivery> messages, Instant now) {
        Function<Function<NewDelivery, Object>, String[]> column = field -> messages.stream()
                .map(field)
                .map(value -> value == null ? null : value.toString())
                .toArray(String[]::new);
        Set<String> inserted = new HashSet<>(jdbc.queryForList(
                """
                INSERT INTO webhook_delivery (webhook_id, subscription_id, event_id, event_type, host_id, booking_id,
                    payload, occurred_at, request_id, status, next_attempt_at, created_at, updated_at)
                SELECT m.webhook_id, m.subscription_id::uuid, m.event_id, m.event_type, m.host_id::uuid,
                       m.booking_id::uuid, m.payload, m.occurred_at::timestamptz, m.request_id, 'PENDING', ?, ?, ?
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[])
                       AS m (webhook_id, subscription_id, event_id, event_type, host_id, booking_id, payload,
                             occurred_at, request_id)
                ON CONFLICT (webhook_id) DO NOTHING
                RETURNING webhook_id
                """,
                String.class,
                ts(now),
                ts(now),
                ts(now),
                column.apply(NewDelivery::webhookId),
                column.apply(NewDelivery::subscriptionId),
                column.apply(NewDelivery::eventId),
                column.apply(NewDelivery::eventType),
                column.apply(NewDelivery::hostId),
                column.apply(NewDelivery::bookingId),
                column.apply(NewDelivery::payload),
                column.apply(NewDelivery::occurredAt),
                column.apply(NewDelivery::requestId)));
        return messages.stream().filter(m -> inserted.contains(m.webhookId())).toList();
    }

    Optional<Delivery> find(String webhookId) {
        return jdbc
                .query(
                        """
                SELECT webhook_id, subscription_id, event_type, payload, occurred_at, status, attempts, redrive_from,
                       request_id
                  FROM webhook_delivery WHERE webhook_id = ?
                """,
                        (rs, i) -> new Delivery(
                                rs.getString(1),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getTimestamp(5).toInstant(),
                                Status.valueOf(rs.getString(6)),
                                rs.getInt(7),
                                rs.getInt(8),
                                rs.getString(9)),
                        webhookId)
                .stream()
                .findFirst();
    }

    /** Logs an attempt and moves the delivery to {@code status}; {@code nextAttemptAt} only when it will be retried. */
    void recordAttempt(
            Delivery delivery,
            int attempt,
            Status status,
            Integer responseCode,
            Instant attemptedAt,
            long durationMs,
            String error,
            String responsePrefix,
            Instant nextAttemptAt) {
        jdbc.update(
                """
                INSERT INTO webhook_attempt (webhook_id, attempt, subscription_id, event_type, status, response_code,
                    attempted_at, duration_ms, error, response_prefix)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (webhook_id, attempt) DO NOTHING
                """,
                delivery.webhookId(),
                attempt,
                delivery.subscriptionId(),
                delivery.eventType(),
                status.name(),
                responseCode,
                ts(attemptedAt),
                durationMs,
                error,
                responsePrefix);
        jdbc.update("""
                UPDATE webhook_delivery SET status = ?, attempts = greatest(attempts, ?), next_attempt_at = ?, updated_at = ?
                 WHERE webhook_id = ?
                """, status.name(), attempt, ts(nextAttemptAt), ts(Instant.now()), delivery.webhookId());
    }

    void cancel(String webhookId) {
        jdbc.update(
                "UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL, updated_at = ? WHERE webhook_id = ?",
                ts(Instant.now()),
                webhookId);
    }

    /**
     * Cancels every delivery of a subscription that has not ended yet and removes their waiting
     * attempt tasks, so an unsubscribed receiver's backlog costs nothing more. An attempt already
     * running finds its delivery cancelled and ends it.
     */
    int cancelPending(UUID subscriptionId, Instant now) {
        jdbc.update(
                "DELETE FROM " + taskTable + " WHERE task_name = ? AND picked = false AND task_instance IN ("
                        + "SELECT webhook_id FROM webhook_delivery WHERE subscription_id = ? AND status IN ('PENDING', 'RETRYING'))",
                WebhookConfig.ATTEMPT_TASK,
                subscriptionId);
        return jdbc.update("""
                UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL, updated_at = ?
                 WHERE subscription_id = ? AND status IN ('PENDING', 'RETRYING')
                """, ts(now), subscriptionId);
    }

    /** Puts a failed delivery back in line with a fresh set of attempts; false if it is not failed. */
    boolean redrive(String webhookId, Instant now) {
        return jdbc.update("""
                UPDATE webhook_delivery SET status = 'PENDING', redrive_from = attempts, next_attempt_at = ?, updated_at = ?
                 WHERE webhook_id = ? AND status IN ('FAILED', 'CANCELLED')
                """, ts(now), ts(now), webhookId) == 1;
    }

    List<String> failed(UUID subscriptionId) {
        return jdbc.queryForList(
                "SELECT webhook_id FROM webhook_delivery WHERE subscription_id = ? AND status = 'FAILED'",
                String.class,
                subscriptionId);
    }

    Optional<UUID> subscriptionOf(String webhookId) {
        return jdbc
                .query(
                        "SELECT subscription_id FROM webhook_delivery WHERE webhook_id = ?",
                        (rs, i) -> rs.getObject(1, UUID.class),
                        webhookId)
                .stream()
                .findFirst();
    }

    /** The subscription's attempts, newest first, after the cursor position (attemptedAt, webhookId, attempt) if given. */
    List<Attempt> attempts(
            UUID subscriptionId,
            String status,
            Instant beforeAt,
            String beforeWebhookId,
            Integer beforeAttempt,
            int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT webhook_id, event_type, attempt, status, response_code, attempted_at, duration_ms, error
                  FROM webhook_attempt WHERE subscription_id = ?
                """);
        List<Object> args = new ArrayList<>(List.of(subscriptionId));
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (beforeAt != null) {
            sql.append(" AND (attempted_at, webhook_id, attempt) < (?, ?, ?)");
            args.add(ts(beforeAt));
            args.add(beforeWebhookId);
            args.add(beforeAttempt);
        }
        sql.append(" ORDER BY attempted_at DESC, webhook_id DESC, attempt DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(
                sql.toString(),
                (rs, i) -> new Attempt(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        (Integer) rs.getObject(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getLong(7),
                        rs.getString(8)),
                args.toArray());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
