package dev.bookwise.web.outbound;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the application may send requests of its own (webhooks, calendar feeds): http(s) URLs with
 * a port in 1-65535 whose host is a public address.
 * Loopback, private (RFC 1918, unique-local, carrier-grade NAT), link-local (cloud metadata
 * services), multicast and unspecified addresses are refused unless {@code allowLoopback} (loopback
 * and private) or a configured network permits them. An IPv6 address that embeds an IPv4 address
 * (IPv4-compatible, IPv4-mapped, IPv4-translated, NAT64, 6to4, Teredo) is judged by the IPv4 address
 * it leads to. Checked when a URL is given (for names that resolve then) and again before every
 * connection, which then goes only to the addresses checked here: the name is not resolved a second
 * time, so it cannot be re-pointed inward between the check and the connection.
 * <p>
 * Open for extension only so that a feature can keep its own names for these checks (the webhook
 * target policy); the rules themselves are the same for every use.
 */
public class OutboundPolicy {

    public static final int MAX_URL_LENGTH = 2048;

    /** Name resolution; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** What an attempt may connect to: the URL and the addresses its host resolved to when checked. */
    public record Target(URI uri, List<InetAddress> addresses) {
        public Target {
            addresses = List.copyOf(addresses);
        }
    }

    /** The outcome of the check before a connection: a target, or why there is none. */
    public record Checked(Target target, String refusal) {}

    /**
     * One use's rules and words.
     *
     * @param allowLoopbackAndPrivate permit loopback and private targets (local runs and tests)
     * @param allowedNetworks         CIDR blocks permitted although private, loopback or link-local
     * @param networksSetting         the setting {@code allowedNetworks} come from, named when one is malformed
     * @param invalidUrl              the error a refused URL is answered with (400)
     * @param credentialsAdvice       what to do instead of putting credentials in the URL
     */
    public record Rules(
            boolean allowLoopbackAndPrivate,
            List<String> allowedNetworks,
            String networksSetting,
            ErrorCode invalidUrl,
            String credentialsAdvice) {
        public Rules {
            allowedNetworks = List.copyOf(allowedNetworks);
        }
    }

    private final boolean allowLoopbackAndPrivate;
    private final List<Network> allowed;
    private final Resolver resolver;
    private final ErrorCode invalidUrl;
    private final String credentialsAdvice;

    public OutboundPolicy(Rules rules) {
        this(rules, InetAddress::getAllByName);
    }

    public OutboundPolicy(Rules rules, Resolver resolver) {
        this.allowLoopbackAndPrivate = rules.allowLoopbackAndPrivate();
        this.allowed = rules.allowedNetworks().stream()
                .map(cidr -> Network.parse(rules.networksSetting(), cidr))
                .toList();
        this.resolver = resolver;
        this.invalidUrl = rules.invalidUrl();
        this.credentialsAdvice = rules.credentialsAdvice();
    }

    /** The URL, if it is well formed and its host (when it resolves now) is allowed; else 400 with the rules' code. */
    public URI checkUrl(String url) {
        URI uri = parse(url);
        try {
            for (InetAddress address : resolver.resolve(uri.getHost())) {
                refusal(address).ifPresent(reason -> {
                    throw invalid(uri.getHost() + " is " + reason + "; such targets are refused");
                });
            }
        } catch (UnknownHostException e) {
            // a name that does not resolve here yet may resolve where and when it is used; every connection checks
            // again
        }
        return uri;
    }

    /**
     * Resolves the URL's host once and checks every address it has now: all must be allowed (a
     * name with one inward address among public ones is refused). The connection goes to these.
     */
    public Checked checkAtConnection(URI uri) {
        try {
            parse(uri.toString());
        } catch (BookwiseException e) {
            return new Checked(null, e.getMessage());
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return new Checked(null, "unknown host " + uri.getHost());
        }
        if (addresses == null || addresses.length == 0) {
            return new Checked(null, "unknown host " + uri.getHost());
        }
        for (InetAddress address : addresses) {
            Optional<String> reason = refusal(address);
            if (reason.isPresent()) {
                return new Checked(
                        null, uri.getHost() + " resolves to " + address.getHostAddress() + ", " + reason.get());
            }
        }
        return new Checked(new Target(uri, List.of(addresses)), null);
    }

    /** The port a connection goes to: the URL's, or the scheme's default. */
    public static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The target host as connections are counted per host: lower-case host and effective port. */
    public static String hostAndPort(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
    }

    private URI parse(String url) {
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
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw invalid("url's port must be between 1 and 65535");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("url must not carry credentials; " + credentialsAdvice);
        }
        if (uri.getRawFragment() != null) {
            throw invalid("url must not have a fragment");
        }
        return uri;
    }

    /** Why a connection may not go to this address, if it may not. */
    public Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        if (address.isLoopbackAddress()) {
            return allowLoopbackAndPrivate ? Optional.empty() : Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("not a unicast public address");
        }
        if (address instanceof Inet6Address v6) {
            Optional<Inet4Address> embedded = embeddedIpv4(v6.getAddress());
            if (embedded.isPresent()) {
                Optional<String> reason = refusal(embedded.get());
                if (reason.isPresent()) {
                    return Optional.of(
                            "an IPv6 address leading to " + embedded.get().getHostAddress() + ", " + reason.get());
                }
            }
            if (isLocalUseNat64(v6.getAddress())) {
                return allowLoopbackAndPrivate ? Optional.empty() : Optional.of("a local-use NAT64 address");
            }
        }
        if (isPrivate(address)) {
            return allowLoopbackAndPrivate ? Optional.empty() : Optional.of("a private address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isMulticastAddress() || isReserved(address)) {
            return Optional.of("not a unicast public address");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 address stands for, if it embeds one: IPv4-compatible
     * {@code ::a.b.c.d}, IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-translated {@code ::ffff:0:a.b.c.d},
     * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16} (bits 16-47) and Teredo {@code 2001::/32}
     * (the client, the last 32 bits inverted).
     */
    public static Optional<Inet4Address> embeddedIpv4(byte[] a) {
        if (a.length != 16) {
            return Optional.empty();
        }
        if (zero(a, 0, 12)) {
            return ipv4(a, 12, false); // IPv4-compatible (:: and ::1 are judged as unspecified and loopback before)
        }
        if (zero(a, 0, 10) && ff(a, 10)) {
            return ipv4(a, 12, false); // IPv4-mapped
        }
        if (zero(a, 0, 8) && ff(a, 8) && zero(a, 10, 12)) {
            return ipv4(a, 12, false); // IPv4-translated (RFC 2765)
        }
        if (u16(a, 0) == 0x0064 && u16(a, 2) == 0xff9b && zero(a, 4, 12)) {
            return ipv4(a, 12, false); // NAT64 well-known prefix (RFC 6052)
        }
        if (u16(a, 0) == 0x2002) {
            return ipv4(a, 2, false); // 6to4 (RFC 3056)
        }
        if (u16(a, 0) == 0x2001 && u16(a, 2) == 0x0000) {
            return ipv4(a, 12, true); // Teredo client (RFC 4380)
        }
        return Optional.empty();
    }

    /** 64:ff9b:1::/48 (RFC 8215): translators of one network, towards its own IPv4 space. */
    private static boolean isLocalUseNat64(byte[] a) {
        return u16(a, 0) == 0x0064 && u16(a, 2) == 0xff9b && u16(a, 4) == 0x0001;
    }

    private static boolean zero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean ff(byte[] a, int at) {
        return (a[at] & 0xff) == 0xff && (a[at + 1] & 0xff) == 0xff;
    }

    private static int u16(byte[] a, int at) {
        return ((a[at] & 0xff) << 8) | (a[at + 1] & 0xff);
    }

    private static Optional<Inet4Address> ipv4(byte[] a, int at, boolean inverted) {
        byte[] v4 = Arrays.copyOfRange(a, at, at + 4);
        if (inverted) {
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) ~v4[i];
            }
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
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

        static Network parse(String setting, String cidr) {
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
                throw new IllegalArgumentException(setting + ": bad network " + cidr, e);
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

    private BookwiseException invalid(String detail) {
        return new BookwiseException(invalidUrl, detail);
    }
}
