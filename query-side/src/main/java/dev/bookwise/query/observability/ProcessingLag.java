package dev.bookwise.query.observability;

import dev.bookwise.query.projection.ReadModel;
import dev.bookwise.query.publish.KafkaPublisher;
import dev.bookwise.query.web.Freshness;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far each processor is behind the event store, over all its segments and instances (from the
 * token store): {@code bookwise.processor.lag.events{processor}} and
 * {@code bookwise.processor.lag.seconds{processor}} (age of the oldest event it has not processed;
 * 0 when caught up). For {@code kafka-publisher} this is the Kafka publication lag. Computed at
 * most once a second, whatever the scrape rate.
 */
@Component
class ProcessingLag {

    private static final Duration MEMO = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final Freshness freshness;
    private final List<String> processors = new ArrayList<>(ReadModel.groups());
    private volatile Instant computedAt = Instant.EPOCH;
    private volatile java.util.Map<String, double[]> lag = java.util.Map.of();

    ProcessingLag(JdbcTemplate jdbc, Freshness freshness, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.freshness = freshness;
        processors.add(KafkaPublisher.GROUP);
        for (String processor : processors) {
            Gauge.builder("bookwise.processor.lag.events", this, l -> l.current(processor)[0])
                    .description("Events in the store the processor has not handled yet")
                    .tag("processor", processor)
                    .register(meters);
            Gauge.builder("bookwise.processor.lag.seconds", this, l -> l.current(processor)[1])
                    .description("Age of the oldest event the processor has not handled yet")
                    .tag("processor", processor)
                    .register(meters);
        }
    }

    private synchronized double[] current(String processor) {
        if (Duration.between(computedAt, Instant.now()).compareTo(MEMO) > 0) {
            java.util.Map<String, double[]> fresh = new java.util.HashMap<>();
            Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            for (String name : processors) {
                OptionalLong reached = freshness.lowestPosition(name);
                long behind = head == null || reached.isEmpty() ? 0 : Math.max(0, head - reached.getAsLong());
                double seconds = 0;
                if (behind > 0) {
                    Timestamp oldest = jdbc.query(
                            "SELECT time_stamp FROM domain_event_entry WHERE global_index > ? "
                                    + "ORDER BY global_index LIMIT 1",
                            rs -> rs.next() ? parse(rs.getString(1)) : null,
                            reached.getAsLong());
                    seconds =
                            oldest == null ? 0 : Math.max(0, (System.currentTimeMillis() - oldest.getTime()) / 1000.0);
                }
                fresh.put(name, new double[] {behind, seconds});
            }
            lag = fresh;
            computedAt = Instant.now();
        }
        return lag.getOrDefault(processor, new double[] {0, 0});
    }

    private static Timestamp parse(String isoInstant) {
        return Timestamp.from(Instant.parse(isoInstant));
    }
}
