package dev.bookwise.query.webhook;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhooks may go: http(s) URLs whose host is a public address. Loopback, private (RFC 1918,
 * unique-local, carrier-grade NAT), link-local (cloud metadata services), multicast and unspecified
 * addresses are refused unless {@code allowLoopback} (loopback and private) or a configured network
 * permits them. Checked when a subscription is made (for names that resolve then) and again before
 * every attempt, so a name that later resolves to an internal address is refused as well.
 */
final class TargetPolicy {

    static final int MAX_URL_LENGTH = 2048;

    private final boolean allowLoopbackAndPrivate;
    private final List<Network> allowed;

    TargetPolicy(WebhookProperties properties) {
        this.allowLoopbackAndPrivate = properties.allowLoopback();
        this.allowed = properties.allowedNetworks().stream().map(Network::parse).toList();
    }

    /** The URL, if it is well formed and its host (when it resolves now) is allowed; else 400 invalid-webhook-url. */
    URI checkSubscription(String url) {
        URI uri = parse(url);
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                refusal(address).ifPresent(reason -> {
                    throw invalid(uri.getHost() + " is " + reason + "; such targets are refused");
                });
            }
        } catch (UnknownHostException e) {
            // a name that does not resolve here yet may resolve where and when it is delivered; every attempt checks
            // again
        }
        return uri;
    }

    /** Why an attempt may not go to this address now, if it may not. */
    Optional<String> refusalAtDelivery(URI uri) {
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                Optional<String> reason = refusal(address);
                if (reason.isPresent()) {
                    return Optional.of(
                            uri.getHost() + " resolves to " + address.getHostAddress() + ", " + reason.get());
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + uri.getHost());
        }
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("url is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw invalid("url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("url is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("url must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("url has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("url must not carry credentials; authenticate receivers by the signature");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("url must not have a fragment");
        }
        return uri;
    }

    private Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        if (address.isLoopbackAddress()) {
            return allowLoopbackAndPrivate ? Optional.empty() : Optional.of("a loopback address");
        }
        if (isPrivate(address)) {
            return allowLoopbackAndPrivate ? Optional.empty() : Optional.of("a private address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress() || isReserved(address)) {
            return Optional.of("not a unicast public address");
        }
        return Optional.empty();
    }

    private static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return address.isSiteLocalAddress() || (first == 100 && second >= 64 && second < 128); // RFC 6598
        }
        return address.isSiteLocalAddress() || (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
    }

    private static boolean isReserved(InetAddress address) {
        if (address instanceof Inet4Address) {
            int first = address.getAddress()[0] & 0xff;
            return first == 0 || first >= 240; // "this network", reserved and broadcast
        }
        return false;
    }

    /** An address block in CIDR notation, IPv4 or IPv6. */
    record Network(byte[] prefix, int bits) {

        static Network parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            try {
                InetAddress address = InetAddress.getByName(parts[0]);
                int max = address instanceof Inet6Address ? 128 : 32;
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
                if (bits < 0 || bits > max || !parts[0].matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException("bad network " + cidr);
                }
                return new Network(address.getAddress(), bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("bookwise.webhook.allowed-networks: bad network " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != prefix.length) {
                return false;
            }
            int width = prefix.length * 8;
            BigInteger mask = BigInteger.ONE
                    .shiftLeft(width)
                    .subtract(BigInteger.ONE)
                    .shiftRight(bits)
                    .not()
                    .and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
            return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, prefix).and(mask));
        }
    }

    private static BookwiseException invalid(String detail) {
        return new BookwiseException(ErrorCode.INVALID_WEBHOOK_URL, detail);
    }
}
