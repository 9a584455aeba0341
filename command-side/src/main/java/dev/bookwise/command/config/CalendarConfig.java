package dev.bookwise.command.config;

import dev.bookwise.command.calendar.CalendarCache;
import dev.bookwise.command.calendar.ReservationPolicy;
import dev.bookwise.command.calendar.TeamBookings;
import dev.bookwise.command.calendar.TeamRefusals;
import dev.bookwise.command.execution.CalendarLocks;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CalendarConfig {

    /** A calendar is rebuilt from its latest snapshot plus fewer than this many events. */
    public static final int SNAPSHOT_EVERY = 100;

    /**
     * Snapshots are taken on a thread of their own after the command that triggered them, in their
     * own transaction, instead of inside that command's request (Axon's default runs them in the
     * command's thread, before its transaction commits: every 100th booking of a host paid for
     * reading its events and writing the snapshot). A snapshot reads what is committed, so it may
     * end a few events before the head: the events after it are read on load, as always. When the
     * queue is full a trigger is dropped; the next one, 100 events later, takes the snapshot.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(
            org.axonframework.config.Configuration configuration,
            HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore,
            TransactionManager transactionManager,
            SnapshotterSpanFactory spanFactory,
            @Qualifier("snapshotExecutor") Executor snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor snapshotExecutor() {
        return new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "calendar-snapshots");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
    }

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

    /** Team bookings: the handler that has the members' calendars decide them (one transaction). */
    @Bean
    TeamBookings teamBookings(
            org.axonframework.config.Configuration axon, CalendarLocks locks, TeamRefusals teamRefusals) {
        return TeamBookings.using(axon, locks, teamRefusals);
    }

    /** Team reservations refused lately, answered again without the locks while nothing changed. */
    @Bean
    TeamRefusals teamRefusals() {
        return TeamRefusals.of(10_000, Duration.ofMinutes(10));
    }

    @Bean
    ReservationPolicy reservationPolicy(BookwiseProperties properties) {
        return new ReservationPolicy(properties.reservationTtl());
    }
}
