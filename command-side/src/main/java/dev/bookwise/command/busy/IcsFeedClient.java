package dev.bookwise.command.busy;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.web.outbound.OutboundPolicy;
import dev.bookwise.web.outbound.PinnedHttpClient;
import dev.bookwise.web.outbound.PinnedHttpClient.Header;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Reads an iCalendar feed (a calendar's secret iCal address) with one GET through the pinned
 * client: bounded in time and size, connected only to addresses the outbound rules allow.
 * Redirects are followed up to {@link #MAX_REDIRECTS} times, each new URL judged by the same rules
 * before anything is sent to it (a feed that moved to another host of its provider keeps working;
 * one that redirects inward is refused).
 */
public final class IcsFeedClient {

    public static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final OutboundPolicy policy;
    private final SourceHttp http;

    /**
     * @param policy   the busy sources' outbound rules ({@link BusySourceTargets#policy})
     * @param client   bounds each exchange's time
     * @param maxBytes the largest feed read
     */
    public IcsFeedClient(OutboundPolicy policy, PinnedHttpClient client, int maxBytes) {
        this.policy = policy;
        this.http = new SourceHttp(policy, client, maxBytes);
    }

    /** The feed's text, which starts with BEGIN:VCALENDAR. */
    public String read(URI url) throws BusySourceException {
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            OutboundPolicy.Target target = http.check(current);
            PinnedHttpClient.Response response = http.send(
                    target,
                    "GET",
                    List.of(
                            new Header("Accept", "text/calendar, */*;q=0.5"),
                            new Header("User-Agent", SourceHttp.USER_AGENT)),
                    null);
            int status = response.status();
            if (status == 200) {
                String text = SourceHttp.text(response);
                if (!CalendarText.looksLikeICalendar(text)) {
                    throw new BusySourceException(
                            BusySourceException.Kind.NOT_ICALENDAR,
                            "the answer is not iCalendar (it starts with \"" + CalendarText.preview(text) + "\")");
                }
                return text;
            }
            String location = response.header("Location");
            if (REDIRECTS.contains(status) && location != null) {
                if (redirects >= MAX_REDIRECTS) {
                    throw new BusySourceException(
                            BusySourceException.Kind.HTTP_STATUS, "more than " + MAX_REDIRECTS + " redirects");
                }
                current = redirect(current, location);
                continue;
            }
            throw status(status);
        }
    }

    private URI redirect(URI from, String location) throws BusySourceException {
        try {
            return policy.checkUrl(from.resolve(location.strip()).toString());
        } catch (BookwiseException | IllegalArgumentException e) {
            throw new BusySourceException(
                    BusySourceException.Kind.REFUSED_TARGET, "redirected to a refused address: " + e.getMessage());
        }
    }

    private static BusySourceException status(int status) {
        return switch (status) {
            case 401, 403 ->
                new BusySourceException(
                        BusySourceException.Kind.AUTH_FAILED,
                        "the server refused access to the feed (HTTP " + status + ")");
            case 404, 410 ->
                new BusySourceException(
                        BusySourceException.Kind.HTTP_STATUS,
                        "no feed at this address (HTTP " + status + "); it may have been reset");
            default ->
                new BusySourceException(BusySourceException.Kind.HTTP_STATUS, "the server answered HTTP " + status);
        };
    }
}
