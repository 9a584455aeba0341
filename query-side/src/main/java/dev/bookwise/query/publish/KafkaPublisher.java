package dev.bookwise.query.publish;

import dev.bookwise.events.BookingEvent;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.query.booking.BookingView;
import dev.bookwise.web.request.RequestIds;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Headers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes every booking event of the event store to Kafka: the event store is the outbox.
 * <p>
 * A tracking processor hands a batch of events to this handler inside one transaction. Each event
 * is sent without waiting; before the transaction commits (and with it the processor's token and
 * the publisher's booking states) every send of the batch must be acknowledged by Kafka
 * ({@code acks=all}, idempotent producer). If any is not, the transaction rolls back and the
 * processor retries the batch from its last token with a growing back-off: events are published at
 * least once, in order per host (the topic's key is the host, and the processor handles one host's
 * events in order), and a Kafka outage only delays publication, never the bookings.
 * <p>
 * A collective booking is the same booking in every member's stream, each change once per member:
 * it is published once per change, from its first member's stream (the reservation that
 * {@link BookingReserved#leads() leads} and that host's later events), keyed by that host.
 * <p>
 * Each send is a producer span in the trace of the request that caused the event (its
 * {@code traceparent} is in the event's metadata), and the record carries that span's context in
 * W3C headers for consumers to continue.
 */
@ProcessingGroup(KafkaPublisher.GROUP)
public class KafkaPublisher {

    public static final String GROUP = "kafka-publisher";
    /** On a collective booking's records: every member (comma-separated), so that each member's webhooks find it unparsed. */
    public static final String HOST_IDS_HEADER = "bookwise-host-ids";

    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final String PENDING_SENDS = KafkaPublisher.class.getName() + ".pending";

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final KafkaAdmin admin;
    private final NewTopic topic;
    private final PublishedBookingRepository bookings;
    private final BookingCloudEvents cloudEvents;
    private final Duration ackTimeout;
    private final Counter published;
    private final Timer commitToAck;
    private final Tracer tracer;
    private final Propagator propagator;
    private volatile boolean topicReady;

    KafkaPublisher(
            KafkaTemplate<String, CloudEvent> kafka,
            KafkaAdmin admin,
            NewTopic topic,
            PublishedBookingRepository bookings,
            BookingCloudEvents cloudEvents,
            Duration ackTimeout,
            MeterRegistry meters,
            Tracer tracer,
            Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.kafka = kafka;
        this.admin = admin;
        this.topic = topic;
        this.bookings = bookings;
        this.cloudEvents = cloudEvents;
        this.ackTimeout = ackTimeout;
        this.published = Counter.builder("bookwise.kafka.published")
                .description("Booking events acknowledged by Kafka (a retried batch counts again)")
                .register(meters);
        this.commitToAck = Timer.builder("bookwise.kafka.publish.lag")
                .description("From an event's commit to Kafka's acknowledgement of it")
                .publishPercentileHistogram()
                .register(meters);
    }

    @EventHandler
    void on(BookingEvent event, EventMessage<?> message, @SequenceNumber Long sequence, @Timestamp Instant at) {
        // a collective booking's change is in every member's stream: only its first member's event is published
        if (event instanceof BookingReserved reserved && !reserved.leads()) {
            bookings.follow(reserved.bookingId(), reserved.hostId());
            return;
        }
        // a reservation starts a booking: nothing earlier to read
        BookingView before = event instanceof BookingReserved
                ? null
                : bookings.find(event.bookingId()).orElse(null);
        if (before != null
                ? !before.hostId().equals(event.hostId()) && before.involves(event.hostId())
                : !(event instanceof BookingReserved) && bookings.follows(event.bookingId(), event.hostId())) {
            return;
        }
        ensureTopic();
        BookingView booking = BookingView.after(before, event, at);
        bookings.save(booking, sequence);
        CloudEvent cloudEvent =
                cloudEvents.of(message.getIdentifier(), BookingEventTypes.of(event), booking, at, sequence);
        ProducerRecord<String, CloudEvent> record =
                new ProducerRecord<>(topic.name(), event.hostId().toString(), cloudEvent);
        if (booking.hostIds() != null) {
            record.headers()
                    .add(
                            HOST_IDS_HEADER,
                            String.join(
                                            ",",
                                            booking.hostIds().stream()
                                                    .map(UUID::toString)
                                                    .toList())
                                    .getBytes(StandardCharsets.UTF_8));
        }
        Object requestId = message.getMetaData().get(RequestIds.KEY);
        if (requestId != null) {
            record.headers().add(RequestIds.KAFKA_HEADER, requestId.toString().getBytes(StandardCharsets.UTF_8));
        }
        Span span = producerSpan(message.getMetaData(), record);
        CompletableFuture<SendResult<String, CloudEvent>> sent;
        try {
            sent = kafka.send(record);
        } catch (RuntimeException e) {
            span.error(e);
            span.end();
            throw e;
        }
        sent.whenComplete((result, failure) -> {
            if (failure != null) {
                span.error(failure);
            }
            span.end();
        });
        pendingSends().add(sent.thenAccept(result -> {
            published.increment();
            commitToAck.record(Duration.between(at, Instant.now()));
        }));
    }

    /** A span continuing the event's trace (a new trace if it has none), its context put in the record's headers. */
    private Span producerSpan(MetaData metaData, ProducerRecord<String, CloudEvent> record) {
        Span.Builder builder = propagator.extract(metaData, (carrier, key) -> {
            Object value = carrier.get(key);
            return value == null ? null : value.toString();
        });
        Span span = builder.name(topic.name() + " publish")
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", topic.name())
                .start();
        propagator.inject(span.context(), record.headers(), KafkaPublisher::putHeader);
        return span;
    }

    private static void putHeader(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The sends of this batch; the first one registers the wait for all of them before the commit. */
    private List<CompletableFuture<Void>> pendingSends() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<Void>> sends) {
        kafka.flush();
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailable(
                    "Kafka did not acknowledge " + sends.size() + " events; the batch will be retried", e);
        }
    }

    /**
     * Creates the topic if it is missing. An existing topic is left as it is: adding partitions
     * would move hosts to other partitions and break their order.
     */
    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
            client.createTopics(List.of(topic)).all().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info(
                    "created topic {} ({} partitions, replication {})",
                    topic.name(),
                    topic.numPartitions(),
                    topic.replicationFactor());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaUnavailable("could not create topic " + topic.name(), e);
            }
        } catch (TimeoutException e) {
            throw new KafkaUnavailable("could not create topic " + topic.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted while creating topic " + topic.name(), e);
        }
        topicReady = true;
    }

    /** Kafka did not take a batch; the processor retries it. */
    static final class KafkaUnavailable extends RuntimeException {
        KafkaUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
