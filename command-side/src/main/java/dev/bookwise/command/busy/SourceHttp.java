package dev.bookwise.command.busy;

import dev.bookwise.web.outbound.OutboundPolicy;
import dev.bookwise.web.outbound.PinnedHttpClient;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One request of a busy source's client: the target checked by the outbound rules right before
 * the connection (which then goes only to the addresses checked), the answer read whole up to the
 * size bound, failures turned into {@link BusySourceException}s.
 */
final class SourceHttp {

    static final String USER_AGENT = "BookWise-Calendars/1";

    private final OutboundPolicy policy;
    private final PinnedHttpClient client;
    private final int maxBytes;

    SourceHttp(OutboundPolicy policy, PinnedHttpClient client, int maxBytes) {
        this.policy = policy;
        this.client = client;
        this.maxBytes = maxBytes;
    }

    OutboundPolicy.Target check(URI url) throws BusySourceException {
        OutboundPolicy.Checked checked = policy.checkAtConnection(url);
        if (checked.refusal() != null) {
            throw new BusySourceException(BusySourceException.Kind.REFUSED_TARGET, "refused: " + checked.refusal());
        }
        return checked.target();
    }

    PinnedHttpClient.Response send(
            OutboundPolicy.Target target, String method, List<PinnedHttpClient.Header> headers, byte[] body)
            throws BusySourceException {
        PinnedHttpClient.Result result =
                client.exchange(target, new PinnedHttpClient.Request(method, headers, body, maxBytes, false));
        if (result.response() != null) {
            return result.response();
        }
        BusySourceException.Kind kind = switch (result.failure()) {
            case TIMEOUT -> BusySourceException.Kind.TIMEOUT;
            case TOO_LARGE -> BusySourceException.Kind.TOO_LARGE;
            default -> BusySourceException.Kind.UNREACHABLE;
        };
        throw new BusySourceException(kind, result.error());
    }

    /** The body as text in the charset its Content-Type names, UTF-8 (RFC 5545's default) otherwise. */
    static String text(PinnedHttpClient.Response response) {
        Charset charset = StandardCharsets.UTF_8;
        String type = response.header("Content-Type");
        if (type != null) {
            for (String parameter : type.split(";")) {
                String p = parameter.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        charset =
                                Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (RuntimeException e) {
                        // an unknown charset: UTF-8, which most calendars are
                    }
                }
            }
        }
        return new String(response.body(), charset);
    }
}
