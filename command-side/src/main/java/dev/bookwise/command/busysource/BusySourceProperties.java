package dev.bookwise.command.busysource;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param syncInterval    how often each source is read again ({@code BOOKWISE_BUSY_SYNC_INTERVAL})
 * @param allowLoopback   sources on loopback or private addresses (development and tests only)
 * @param allowedNetworks CIDR blocks allowed although private ({@code BOOKWISE_BUSY_ALLOWED_NETWORKS})
 * @param timeout         how long one read of a source may take, all of it
 * @param maxBytes        the largest answer a source may give
 */
@ConfigurationProperties("bookwise.busy")
public record BusySourceProperties(
        @DefaultValue("PT5M") Duration syncInterval,
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue("") List<String> allowedNetworks,
        @DefaultValue("PT20S") Duration timeout,
        @DefaultValue("33554432") int maxBytes) {}
