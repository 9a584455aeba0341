package dev.bookwise.query.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

import java.util.List;
import java.util.function.Function;

/**
 * Axon's event-processor metrics without its capacity monitor. That monitor keeps every message's
 * handling time of the last minute in a sorted map, to sum on each scrape: during a catch-up the
 * processors here read tens of thousands of events a second (each segment reads every event), and
 * a million-event catch-up filled a 512 MiB heap with those entries and made each scrape take
 * seconds. Counts, handling times and latency stay; how far each processor is behind is
 * {@code bookwise_processor_lag_*}.
 */
class ProcessorMetricRegistry extends GlobalMetricRegistry {

    ProcessorMetricRegistry(MeterRegistry registry) {
        super(registry);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String eventProcessorName,
                                                                          Function<Message<?>, Iterable<Tag>> tagsBuilder,
                                                                          Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(eventProcessorName, getRegistry(), tagsBuilder),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(eventProcessorName).meterRegistry(getRegistry())
                        .tagsBuilder(latencyTagsBuilder).build(),
                MessageCountingMonitor.buildMonitor(eventProcessorName, getRegistry(), tagsBuilder)));
    }
}
