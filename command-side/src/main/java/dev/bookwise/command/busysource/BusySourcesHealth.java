package dev.bookwise.command.busysource;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code busySources}: how many connected calendars there are and how many could not be read at
 * their last sync. UP whatever they say (a host's unreachable feed is the host's to fix, and its last
 * busy times still count); not part of readiness. Alert on {@code bookwise_busy_sync_failures_total}.
 */
@Component("busySourcesHealthIndicator")
class BusySourcesHealth extends AbstractHealthIndicator {

    private final BusySourceRepository sources;

    BusySourcesHealth(BusySourceRepository sources) {
        this.sources = sources;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up().withDetail("sources", sources.count()).withDetail("failing", sources.failing());
    }
}
