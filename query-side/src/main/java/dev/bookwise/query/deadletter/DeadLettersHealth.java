package dev.bookwise.query.deadletter;

import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code deadLetters}: the events parked in each processing group's dead-letter queue. UP while the
 * table can be read, whatever it holds, and not part of readiness: a parked host's reads are stale, but
 * every other host's are current, so taking the instance out of service would hurt everyone. Alert on
 * {@code bookwise_dead_letters > 0} instead.
 */
@Component("deadLettersHealthIndicator")
class DeadLettersHealth extends AbstractHealthIndicator {

    private final DeadLetters deadLetters;

    DeadLettersHealth(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        long total = 0;
        for (Map.Entry<String, DeadLetters.Count> group : deadLetters.counts().entrySet()) {
            DeadLetters.Count count = group.getValue();
            total += count.letters();
            health.withDetail(group.getKey(), Map.of("letters", count.letters(), "sequences", count.sequences()));
        }
        health.up().withDetail("total", total);
    }
}
