package dev.bookwise.query.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Axon's event-processor metrics cut down to its counters (processed, ignored, failed per
 * processor and payload type). Every segment of a tracking processor reads every event and each
 * monitor runs for each of them, ignored ones included; in a catch-up over a million events the
 * timer and latency monitors' per-message meter lookups were a fifth of the processors' CPU, and
 * the capacity monitor kept every message's handling time of the last minute in a sorted map (about
 * five million entries: a 512 MiB heap full, and scrapes that took seconds). How far each processor
 * is behind is {@code bookwise_processor_lag_events} and {@code bookwise_processor_lag_seconds}.
 */
class ProcessorMetricRegistry extends GlobalMetricRegistry {

    ProcessorMetricRegistry(MeterRegistry registry) {
        super(registry);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String eventProcessorName,
            Function<Message<?>, Iterable<Tag>> tagsBuilder,
            Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
        return MessageCountingMonitor.buildMonitor(eventProcessorName, getRegistry(), tagsBuilder);
    }
}
