package dev.bookwise.auth;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who an {@code Authorization: Bearer <key>} header belongs to: the admin (key compared in
 * constant time) or a host, found by the SHA-256 of its key. Both sides authenticate with this;
 * each supplies its own lookup of host key digests.
 */
public final class BearerAuthentication {

    private static final String BEARER = "Bearer ";
    private static final int MAX_HEADER = 512;

    private final byte[] adminKeyDigest;
    // a key never changes owner, so a digest once found can be remembered
    private final Map<String, UUID> knownHosts = new ConcurrentHashMap<>();

    /** @param adminKey the admin key, or null/blank for none */
    public BearerAuthentication(String adminKey) {
        this.adminKeyDigest = adminKey == null || adminKey.isBlank() ? null : ApiKeys.sha256(adminKey);
    }

    /**
     * @param hostByKeyDigest finds the host whose key has this SHA-256 (hex)
     * @return the caller, or empty for a missing, malformed or unknown key
     */
    public Optional<Caller> authenticate(String authorization, Function<String, Optional<UUID>> hostByKeyDigest) {
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.length() > MAX_HEADER) {
            return Optional.empty();
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = ApiKeys.sha256(key);
        if (adminKeyDigest != null && MessageDigest.isEqual(adminKeyDigest, digest)) {
            return Optional.of(Caller.ADMIN);
        }
        String hex = HexFormat.of().formatHex(digest);
        UUID known = knownHosts.get(hex);
        if (known != null) {
            return Optional.of(Caller.host(known));
        }
        Optional<UUID> host = hostByKeyDigest.apply(hex);
        host.ifPresent(id -> knownHosts.put(hex, id));
        return host.map(Caller::host);
    }
}
