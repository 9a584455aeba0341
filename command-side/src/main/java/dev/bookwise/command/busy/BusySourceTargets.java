package dev.bookwise.command.busy;

import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.outbound.OutboundPolicy;
import java.net.InetAddress;
import java.util.List;

/**
 * Where busy sources may be read from: the application's outbound rules (the webhooks' rules),
 * refused URLs answered as 400 invalid-source-url.
 */
public final class BusySourceTargets {

    /** The setting a malformed allowed network is reported against. */
    public static final String NETWORKS_SETTING = "bookwise.busy.allowed-networks";

    private BusySourceTargets() {}

    /**
     * @param allowLoopbackAndPrivate permit loopback and private targets (local runs and tests)
     * @param allowedNetworks         CIDR blocks permitted although private, loopback or link-local
     */
    public static OutboundPolicy policy(boolean allowLoopbackAndPrivate, List<String> allowedNetworks) {
        return policy(allowLoopbackAndPrivate, allowedNetworks, InetAddress::getAllByName);
    }

    static OutboundPolicy policy(
            boolean allowLoopbackAndPrivate, List<String> allowedNetworks, OutboundPolicy.Resolver resolver) {
        return new OutboundPolicy(
                new OutboundPolicy.Rules(
                        allowLoopbackAndPrivate,
                        allowedNetworks,
                        NETWORKS_SETTING,
                        ErrorCode.INVALID_SOURCE_URL,
                        "give the username and password as the source's fields"),
                resolver);
    }
}
