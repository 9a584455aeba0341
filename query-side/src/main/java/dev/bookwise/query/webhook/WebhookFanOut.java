package dev.bookwise.query.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.bookwise.query.publish.KafkaPublisher;
import dev.bookwise.web.request.RequestIds;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the booking-event topic (consumer group {@code bookwise-webhooks}) a poll's batch at a time
 * and turns each event into one message per subscription that wants it: a webhook_delivery row and
 * a persistent db-scheduler task for its first attempt.
 * <p>
 * Most records concern hosts without subscriptions; they cost a look into {@link
 * SubscriptionDirectory} (in memory, brought up to date once per batch) and nothing else: their
 * value is not even parsed, and no transaction is opened. For the records some subscription wants,
 * one query checks that the events are in the event store as the records describe them (a record
 * someone else wrote to the topic is not signed and sent), and one transaction writes the batch's
 * messages. The offsets are committed after that transaction, so a crash in between reads the
 * records again and the unique webhook id makes the second reading a no-op. The message body is
 * fixed here, so every attempt sends the same bytes.
 */
class WebhookFanOut {

    private static final Logger log = LoggerFactory.getLogger(WebhookFanOut.class);

    /** The webhook body, version 1: what receivers parse. Not the internal event classes. */
    record Body(String type, Instant timestamp, JsonNode data) {}

    /** A record that some subscription wants, read. */
    private record Candidate(
            ConsumerRecord<String, byte[]> record,
            CloudEvent event,
            UUID hostId,
            List<SubscriptionDirectory.Entry> subscriptions) {}

    private final SubscriptionDirectory directory;
    private final StoredEventRepository store;
    private final WebhookDeliveryRepository deliveries;
    private final Scheduler scheduler;
    private final CustomTask<Void> attemptTask;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Counter unverified;
    private final CloudEventDeserializer cloudEvents = new CloudEventDeserializer();

    WebhookFanOut(
            SubscriptionDirectory directory,
            StoredEventRepository store,
            WebhookDeliveryRepository deliveries,
            Scheduler scheduler,
            CustomTask<Void> attemptTask,
            ObjectMapper json,
            TransactionTemplate transaction,
            MeterRegistry meters,
            Tracer tracer,
            Propagator propagator) {
        this.directory = directory;
        this.store = store;
        this.deliveries = deliveries;
        this.scheduler = scheduler;
        this.attemptTask = attemptTask;
        this.json = json;
        this.transaction = transaction;
        this.tracer = tracer;
        this.propagator = propagator;
        this.unverified = Counter.builder("bookwise.webhook.unverified.events")
                .description("Records on the topic some subscription wanted but whose event is not in the event store"
                        + " as described; not delivered")
                .register(meters);
    }

    @KafkaListener(id = "webhook-fan-out", idIsGroup = false, topics = "${bookwise.kafka.topic}", batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        directory.refresh();
        List<Candidate> candidates = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            UUID hostId = hostOf(record);
            if (hostId == null) {
                continue;
            }
            // a collective booking's record is its first member's (the key); its other members are in a header
            List<UUID> hosts = membersOf(record, hostId);
            if (hosts.stream().noneMatch(directory::anyFor)) {
                continue;
            }
            CloudEvent event = read(record);
            if (event == null) {
                continue;
            }
            List<SubscriptionDirectory.Entry> wanted = directory.matching(
                    hosts, teamOf(event), event.getType(), event.getTime().toInstant());
            if (!wanted.isEmpty()) {
                candidates.add(new Candidate(record, event, hostId, wanted));
            }
        }
        if (!candidates.isEmpty()) {
            fanOut(candidates);
        }
    }

    private void fanOut(List<Candidate> candidates) {
        Map<String, StoredEventRepository.StoredEvent> stored = store.find(
                candidates.stream().map(c -> c.event().getId()).distinct().toList());
        // a record read twice in one poll (published twice) makes its messages once
        Map<String, WebhookDeliveryRepository.NewDelivery> messages = new LinkedHashMap<>();
        List<Span> spans = new ArrayList<>();
        try {
            for (Candidate candidate : candidates) {
                addMessages(candidate, stored.get(candidate.event().getId()), messages, spans);
            }
            if (messages.isEmpty()) {
                return;
            }
            List<WebhookDeliveryRepository.NewDelivery> scheduled = transaction.execute(status -> {
                Instant now = Instant.now();
                List<WebhookDeliveryRepository.NewDelivery> inserted =
                        deliveries.insertIfAbsent(List.copyOf(messages.values()), now);
                if (!inserted.isEmpty()) {
                    List<TaskInstance<?>> attempts = inserted.stream()
                            .<TaskInstance<?>>map(m -> attemptTask.instance(m.webhookId()))
                            .toList();
                    scheduler.scheduleBatch(attempts, now);
                }
                return inserted;
            });
            if (scheduled != null && !scheduled.isEmpty()) {
                // db-scheduler looks for due work at once instead of at its next poll, now that the rows are visible
                scheduler.triggerCheckForDueExecutions();
                scheduled.forEach(this::logScheduled);
            }
        } catch (RuntimeException e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** The candidate's messages, one per subscription that wants it, if the store confirms the event. */
    private void addMessages(
            Candidate candidate,
            StoredEventRepository.StoredEvent original,
            Map<String, WebhookDeliveryRepository.NewDelivery> messages,
            List<Span> spans) {
        CloudEvent event = candidate.event();
        if (!matches(candidate, original)) {
            unverified.increment();
            log.warn(
                    "not delivering record {}-{}@{}: event {} is not in the event store as the record describes it",
                    candidate.record().topic(),
                    candidate.record().partition(),
                    candidate.record().offset(),
                    event.getId());
            return;
        }
        // the store's time, not the record's, decides which subscriptions existed when it happened
        Instant occurredAt = original.occurredAt();
        List<SubscriptionDirectory.Entry> wanted = candidate.subscriptions().stream()
                .filter(s -> s.wants(event.getType(), occurredAt))
                .toList();
        if (wanted.isEmpty()) {
            return;
        }
        String body = body(event, occurredAt);
        if (body == null) {
            return;
        }
        String requestId = header(candidate.record().headers(), RequestIds.KAFKA_HEADER);
        spans.add(span(candidate.record()));
        for (SubscriptionDirectory.Entry subscription : wanted) {
            String webhookId = "msg_" + event.getId() + "_" + subscription.id();
            messages.putIfAbsent(
                    webhookId,
                    new WebhookDeliveryRepository.NewDelivery(
                            webhookId,
                            subscription.id(),
                            event.getId(),
                            event.getType(),
                            candidate.hostId(),
                            UUID.fromString(event.getSubject()),
                            body,
                            occurredAt,
                            requestId));
        }
    }

    private void logScheduled(WebhookDeliveryRepository.NewDelivery message) {
        if (!log.isDebugEnabled()) {
            return;
        }
        try (MDC.MDCCloseable ignored =
                message.requestId() == null ? null : MDC.putCloseable(RequestIds.KEY, message.requestId())) {
            log.debug("webhook {} for {} scheduled", message.webhookId(), message.eventType());
        }
    }

    /** Whether the store holds this event for the record's host, at its position, of its type, for its booking. */
    private static boolean matches(Candidate candidate, StoredEventRepository.StoredEvent original) {
        if (original == null || original.occurredAt() == null || original.bookingId() == null) {
            return false;
        }
        CloudEvent event = candidate.event();
        Object sequence = event.getExtension("sequence");
        try {
            return original.hostId().equals(candidate.hostId().toString())
                    && sequence != null
                    && Long.parseLong(sequence.toString()) == original.sequence()
                    && original.type().equals(event.getType())
                    && Objects.equals(original.bookingId(), event.getSubject())
                    && UUID.fromString(event.getSubject()) != null;
        } catch (IllegalArgumentException e) { // a sequence or booking id that is not a number or a UUID
            return false;
        }
    }

    private String body(CloudEvent event, Instant occurredAt) {
        try {
            return json.writeValueAsString(new Body(
                    event.getType(), occurredAt, json.readTree(event.getData().toBytes())));
        } catch (IOException e) {
            log.warn("not delivering event {}: its data is not JSON", event.getId());
            return null;
        }
    }

    /** The record's host, and the other members of a collective booking (its {@code bookwise-host-ids} header). */
    private static List<UUID> membersOf(ConsumerRecord<String, byte[]> record, UUID hostId) {
        String header = header(record.headers(), KafkaPublisher.HOST_IDS_HEADER);
        if (header == null) {
            return List.of(hostId);
        }
        List<UUID> hosts = new ArrayList<>(List.of(hostId));
        for (String id : header.split(",")) {
            try {
                UUID member = UUID.fromString(id.strip());
                if (!hosts.contains(member)) {
                    hosts.add(member);
                }
            } catch (IllegalArgumentException e) {
                // not a member id: left out
            }
        }
        return hosts;
    }

    /** The team the event's booking was made through (the {@code teamid} extension), or null. */
    private static UUID teamOf(CloudEvent event) {
        Object team = event.getExtension("teamid");
        try {
            return team == null ? null : UUID.fromString(team.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static UUID hostOf(ConsumerRecord<String, byte[]> record) {
        try {
            return record.key() == null ? null : UUID.fromString(record.key());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The record as a CloudEvent, or null (and a warning) when it is not a BookWise booking event. */
    private CloudEvent read(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = null;
        try {
            if (record.value() != null) {
                event = cloudEvents.deserialize(record.topic(), record.headers(), record.value());
            }
        } catch (RuntimeException e) {
            event = null;
        }
        if (event == null
                || event.getData() == null
                || event.getTime() == null
                || event.getType() == null
                || event.getSubject() == null) {
            log.warn(
                    "skipping record {}-{}@{}: not a BookWise booking event",
                    record.topic(),
                    record.partition(),
                    record.offset());
            return null;
        }
        return event;
    }

    /** A consumer span continuing the trace whose context the record carries (W3C headers). */
    private Span span(ConsumerRecord<String, byte[]> record) {
        Span.Builder builder = propagator.extract(record.headers(), WebhookFanOut::header);
        return builder.name(record.topic() + " process")
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", record.topic())
                .start();
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
