package dev.bookwise.command.busysource;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Each source is synced by db-scheduler (already running deadlines here): one task instance per
 * source, picked by one instance of the command side at a time (its row is the lease, taken up by
 * another instance if the one running it dies), rescheduled {@code BOOKWISE_BUSY_SYNC_INTERVAL} after
 * each run. Sources created at different times stay spread over the interval.
 */
@Configuration(proxyBeanMethods = false)
class BusySyncSchedule {

    static final String TASK = "busy-sync";

    @Bean
    CustomTask<Void> busySyncTask(BusySync sync, BusySourceProperties properties) {
        return Tasks.custom(TASK, Void.class)
                .onFailureReschedule(Schedules.fixedDelay(properties.syncInterval()))
                .execute((instance, context) -> sync.run(UUID.fromString(instance.getId()))
                                .isPresent()
                        ? new CompletionHandler.OnCompleteReschedule<>(Schedules.fixedDelay(properties.syncInterval()))
                        : new CompletionHandler.OnCompleteRemove<>());
    }

    /** Starts and stops a source's syncs. */
    @org.springframework.stereotype.Component
    static class Syncs {

        private final SchedulerClient scheduler;
        private final CustomTask<Void> task;
        private final BusySourceProperties properties;

        Syncs(@Lazy SchedulerClient scheduler, CustomTask<Void> busySyncTask, BusySourceProperties properties) {
            this.scheduler = scheduler;
            this.task = busySyncTask;
            this.properties = properties;
        }

        void start(UUID sourceId) {
            scheduler.scheduleIfNotExists(
                    task.instance(sourceId.toString()), Instant.now().plus(properties.syncInterval()));
        }

        void stop(UUID sourceId) {
            try {
                scheduler.cancel(task.instance(sourceId.toString()));
            } catch (RuntimeException e) {
                // not scheduled, or running now: a run that finds its source gone removes itself
            }
        }
    }
}
