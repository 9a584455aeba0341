package dev.bookwise.query.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Where a change's way to its subscribers takes its time ({@code bookwise_live_stage_seconds{stage}}):
 * {@code read} from the change's commit to the follower taking its batch, {@code projections} waiting
 * for the projections to apply the batch, {@code recompute} computing one touched query's list,
 * {@code send} from queueing a list on a connection to its write.
 */
@Component
class LiveStages {

    private final Timer read;
    private final Timer projections;
    private final Timer recompute;
    private final Timer send;

    LiveStages(MeterRegistry registry) {
        this.read = timer(registry, "read");
        this.projections = timer(registry, "projections");
        this.recompute = timer(registry, "recompute");
        this.send = timer(registry, "send");
    }

    private static Timer timer(MeterRegistry registry, String stage) {
        return Timer.builder("bookwise.live.stage")
                .description("Time a change spends in each stage of live availability")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .register(registry);
    }

    void read(Instant committed) {
        read.record(Duration.between(committed, Instant.now()));
    }

    void projections(long nanos) {
        projections.record(nanos, TimeUnit.NANOSECONDS);
    }

    void recompute(long nanos) {
        recompute.record(nanos, TimeUnit.NANOSECONDS);
    }

    void send(long nanos) {
        send.record(nanos, TimeUnit.NANOSECONDS);
    }
}
