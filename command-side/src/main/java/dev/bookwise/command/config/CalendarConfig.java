package dev.bookwise.command.config;

import dev.bookwise.command.calendar.ReservationPolicy;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CalendarConfig {

    /** A calendar is rebuilt from its latest snapshot plus fewer than this many events. */
    public static final int SNAPSHOT_EVERY = 100;

    @Bean
    SnapshotTriggerDefinition hostCalendarSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_EVERY);
    }

    @Bean
    ReservationPolicy reservationPolicy(BookwiseProperties properties) {
        return new ReservationPolicy(properties.reservationTtl());
    }
}
