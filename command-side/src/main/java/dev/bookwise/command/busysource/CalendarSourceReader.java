package dev.bookwise.command.busysource;

import dev.bookwise.calendar.BusyInterval;
import dev.bookwise.command.busy.BusySourceException;
import dev.bookwise.command.busy.BusySourceTargets;
import dev.bookwise.command.busy.BusyTimes;
import dev.bookwise.command.busy.CalDavClient;
import dev.bookwise.command.busy.IcsFeedClient;
import dev.bookwise.web.outbound.OutboundPolicy;
import dev.bookwise.web.outbound.PinnedHttpClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reads a source over the outbound rules every webhook follows, and extracts its busy times. */
@Component
class CalendarSourceReader implements BusyReader {

    private final OutboundPolicy policy;
    private final IcsFeedClient feeds;
    private final CalDavClient calDav;

    CalendarSourceReader(BusySourceProperties properties) {
        this.policy = BusySourceTargets.policy(properties.allowLoopback(), properties.allowedNetworks());
        PinnedHttpClient http = new PinnedHttpClient(
                Duration.ofSeconds(Math.min(10, properties.timeout().toSeconds())), properties.timeout());
        this.feeds = new IcsFeedClient(policy, http, properties.maxBytes());
        this.calDav = new CalDavClient(policy, http, properties.maxBytes());
    }

    /** The URL a source may be created with: 400 invalid-source-url otherwise. */
    URI check(String url) {
        return policy.checkUrl(url);
    }

    @Override
    public List<BusyInterval> read(BusySource source, ZoneId hostZone, Instant from, Instant to) throws BusyReadFailed {
        try {
            URI url = URI.create(source.url());
            if (BusySource.CALDAV.equals(source.type())) {
                CalDavClient.Credentials credentials = source.username() == null
                        ? null
                        : new CalDavClient.Credentials(source.username(), source.password());
                return BusyTimes.of(calDav.read(url, credentials, from, to), hostZone, from, to);
            }
            return BusyTimes.of(feeds.read(url), hostZone, from, to);
        } catch (BusySourceException e) {
            throw new BusyReadFailed(e.getMessage(), e);
        }
    }
}
