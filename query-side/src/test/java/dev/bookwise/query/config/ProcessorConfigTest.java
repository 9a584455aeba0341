package dev.bookwise.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.query.projection.ReadModel;
import java.time.Duration;
import java.util.Set;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.junit.jupiter.api.Test;

/** Which tracking processors store their position soon after passing events they skip. */
class ProcessorConfigTest {

    private final ProcessorConfig.ProjectionsStoreTokensSoon module =
            new ProcessorConfig.ProjectionsStoreTokensSoon(Duration.ofMillis(100), Set.copyOf(ReadModel.groups()));

    @Test
    void everyProjectionWaitsTheConfiguredTimeForAnEventOfItsOwn() {
        for (String group : ReadModel.groups()) {
            TrackingEventProcessorConfiguration configuration =
                    module.configure(group, TrackingEventProcessorConfiguration.forParallelProcessing(4));

            assertThat(configuration.getEventAvailabilityTimeout()).as(group).isEqualTo(100);
        }
    }

    @Test
    void otherProcessorsKeepAxonsWait() {
        TrackingEventProcessorConfiguration axons = TrackingEventProcessorConfiguration.forParallelProcessing(2);
        int before = axons.getEventAvailabilityTimeout();

        assertThat(module.configure("kafka-publisher", axons).getEventAvailabilityTimeout())
                .isEqualTo(before)
                .isEqualTo(1_000);
    }
}
