package dev.bookwise.command.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import dev.bookwise.command.execution.DeadlineWrites;
import dev.bookwise.command.store.BufferedDeadlineManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * Persistent deadlines in PostgreSQL through db-scheduler. Declared here with its concrete type:
 * Axon's db-scheduler task looks the manager up by class, and the auto-configured bean is typed
 * DeadlineManager, so after a restart a due deadline fired before anything had created the bean
 * and failed with NoSuchBeanDefinitionException. A running command's deadlines go out with its
 * other writes ({@link BufferedDeadlineManager}); a deadline firing on a calendar is written like a
 * command ({@link DeadlineWrites}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class DeadlineConfig {

    @Bean
    DbSchedulerDeadlineManager deadlineManager(
            Scheduler scheduler,
            Configuration configuration,
            @Qualifier("eventSerializer") Serializer serializer,
            TransactionManager transactionManager,
            DeadlineManagerSpanFactory spanFactory,
            DeadlineWrites deadlineWrites,
            DbSchedulerProperties schedulerProperties) {
        BufferedDeadlineManager manager = new BufferedDeadlineManager(
                DbSchedulerDeadlineManager.builder()
                        .scheduler(scheduler)
                        .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                        .transactionManager(transactionManager)
                        .spanFactory(spanFactory)
                        // the rows BufferedDeadlineManager writes itself are those of the binary task
                        .useBinaryPojo(true)
                        // the db-scheduler starter starts and stops the scheduler
                        .startScheduler(false)
                        .stopScheduler(false),
                serializer,
                // the starter's default: plain Java serialization of the task data
                com.github.kagkarlsson.scheduler.serializer.Serializer.DEFAULT_JAVA_SERIALIZER,
                schedulerProperties.getTableName());
        manager.registerHandlerInterceptor(deadlineWrites);
        return manager;
    }
}
