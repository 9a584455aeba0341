package dev.bookwise.query.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code eventProcessors}: DOWN when a processor of this instance is stopped or a segment it holds
 * is failing (it retries with a back-off), with each processor's segments and state as details.
 * Part of readiness: a query side whose projections are stuck serves stale reads.
 */
@Component("eventProcessors")
class EventProcessorsHealth extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealth(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        boolean healthy = true;
        for (var entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", processor.isRunning());
            details.put("segmentsClaimed", processor.processingStatus().size());
            boolean failing = false;
            for (EventTrackerStatus status : processor.processingStatus().values()) {
                if (status.isErrorState()) {
                    failing = true;
                    details.put("error", String.valueOf(status.getError()));
                }
            }
            details.put(
                    "caughtUp",
                    processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));
            healthy &= processor.isRunning() && !failing;
            health.withDetail(entry.getKey(), details);
        }
        if (healthy) {
            health.up();
        } else {
            health.down();
        }
    }
}
