package dev.bookwise.query.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live availability ({@code bookwise.live.*}).
 *
 * @param maxConnectionsPerAddress open streams and sockets one client address may hold at once (429 beyond)
 * @param maxSubscriptionsPerSocket subscriptions one socket may hold at once
 * @param queueCapacity messages waiting to be written to one connection; a connection whose queue is full
 *     reads too slowly and is closed rather than buffered for
 * @param keepAlive how often an idle connection gets a comment (SSE) or a ping (socket)
 * @param senderThreads threads writing to every connection (each connection is written by one at a time)
 * @param recomputeThreads threads recomputing the subscriptions a change touches
 */
@ConfigurationProperties("bookwise.live")
record LiveProperties(
        @DefaultValue("20") int maxConnectionsPerAddress,
        @DefaultValue("25") int maxSubscriptionsPerSocket,
        @DefaultValue("32") int queueCapacity,
        @DefaultValue("PT15S") Duration keepAlive,
        @DefaultValue("4") int senderThreads,
        @DefaultValue("2") int recomputeThreads) {}
