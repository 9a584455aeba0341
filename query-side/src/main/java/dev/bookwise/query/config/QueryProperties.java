package dev.bookwise.query.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The query side's own settings ({@code bookwise.*}); the admin key and rate limits are the shared web
 * layer's, the Kafka publisher's and the webhooks' are beside them.
 *
 * @param minPositionWait   how long a read with {@code minPosition} waits for the projections
 * @param eventFetchSize    events read from the store per query (fewer round trips in a replay)
 * @param eventPollInterval how often the store is polled for events the command side appended
 * @param projectionTokenWait how long a projection's segment that has read only events it skips (another
 *     segment's, or of types it does not handle) waits for one of its own before it stores its position
 *     (Axon's event availability timeout); also how often an idle segment extends its claim
 */
@ConfigurationProperties("bookwise")
public record QueryProperties(
        @DefaultValue("PT5S") Duration minPositionWait,
        @DefaultValue("500") int eventFetchSize,
        @DefaultValue("PT0.05S") Duration eventPollInterval,
        @DefaultValue("PT0.1S") Duration projectionTokenWait) {}
