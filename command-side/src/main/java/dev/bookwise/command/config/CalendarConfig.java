package dev.bookwise.command.config;

import dev.bookwise.command.calendar.CalendarCache;
import dev.bookwise.command.calendar.ReservationPolicy;
import org.axonframework.common.caching.Cache;
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

    /** Calendars between commands; see {@link CalendarCache} for when a cached one is used. */
    @Bean(destroyMethod = "close")
    CalendarCache calendarCaches(BookwiseProperties properties) {
        return CalendarCache.of(properties.calendarCache());
    }

    /** The cache HostCalendar's repository uses (named in its {@code @Aggregate}). */
    @Bean
    Cache calendarCache(CalendarCache calendarCaches) {
        return calendarCaches.axonCache();
    }

    @Bean
    ReservationPolicy reservationPolicy(BookwiseProperties properties) {
        return new ReservationPolicy(properties.reservationTtl());
    }
}
