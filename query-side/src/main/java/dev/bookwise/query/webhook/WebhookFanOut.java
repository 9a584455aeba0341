package dev.bookwise.query.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.bookwise.web.request.RequestIds;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads the booking-event topic (consumer group {@code bookwise-webhooks}) and turns each event into
 * one message per subscription that wants it: a webhook_delivery row and a persistent db-scheduler
 * task for its first attempt, in one transaction. The record's offset is committed after that
 * transaction, so a crash in between reads the record again and the unique webhook id makes the
 * second reading a no-op. The message body is fixed here, so every attempt sends the same bytes.
 */
class WebhookFanOut {

    private static final Logger log = LoggerFactory.getLogger(WebhookFanOut.class);

    /** The webhook body, version 1: what receivers parse. Not the internal event classes. */
    record Body(String type, Instant timestamp, JsonNode data) {}

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final Scheduler scheduler;
    private final CustomTask<Void> attemptTask;
    private final ObjectMapper json;

    WebhookFanOut(
            WebhookSubscriptions subscriptions,
            WebhookDeliveries deliveries,
            Scheduler scheduler,
            CustomTask<Void> attemptTask,
            ObjectMapper json) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.scheduler = scheduler;
        this.attemptTask = attemptTask;
        this.json = json;
    }

    @KafkaListener(id = "webhook-fan-out", idIsGroup = false, topics = "${bookwise.kafka.topic}")
    @Transactional
    public void on(ConsumerRecord<String, CloudEvent> record) throws IOException {
        CloudEvent event = record.value();
        if (event == null || event.getData() == null || event.getTime() == null || record.key() == null) {
            log.warn(
                    "skipping record {}-{}@{}: not a BookWise booking event",
                    record.topic(),
                    record.partition(),
                    record.offset());
            return;
        }
        Header requestIdHeader = record.headers().lastHeader(RequestIds.KAFKA_HEADER);
        String requestId = requestIdHeader == null ? null : new String(requestIdHeader.value(), StandardCharsets.UTF_8);
        try (MDC.MDCCloseable ignored = requestId == null ? null : MDC.putCloseable(RequestIds.KEY, requestId)) {
            fanOut(record, event, requestId);
        }
    }

    private void fanOut(ConsumerRecord<String, CloudEvent> record, CloudEvent event, String requestId)
            throws IOException {
        UUID hostId = UUID.fromString(record.key());
        Instant occurredAt = event.getTime().toInstant();
        String body = null;
        boolean scheduled = false;
        for (WebhookSubscriptions.Stored subscription : subscriptions.matching(hostId, event.getType(), occurredAt)) {
            if (body == null) {
                body = json.writeValueAsString(new Body(
                        event.getType(),
                        occurredAt,
                        json.readTree(event.getData().toBytes())));
            }
            UUID subscriptionId = subscription.subscription().id();
            String webhookId = "msg_" + event.getId() + "_" + subscriptionId;
            if (deliveries.insertIfAbsent(
                    webhookId,
                    subscriptionId,
                    event.getId(),
                    event.getType(),
                    hostId,
                    UUID.fromString(event.getSubject()),
                    body,
                    occurredAt,
                    requestId,
                    Instant.now())) {
                log.debug("webhook {} for {} scheduled", webhookId, event.getType());
                scheduler.schedule(attemptTask.instance(webhookId), Instant.now());
                scheduled = true;
            }
        }
        if (scheduled) {
            wakeSchedulerAfterCommit();
        }
    }

    /** db-scheduler checks for due work right away instead of at its next poll, once the rows are visible. */
    private void wakeSchedulerAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduler.triggerCheckForDueExecutions();
                }
            });
        } else {
            scheduler.triggerCheckForDueExecutions();
        }
    }
}
