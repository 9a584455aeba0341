package dev.bookwise.web.auth;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who an {@code Authorization: Bearer <key>} header belongs to: the admin (key compared in
 * constant time), a host or a booking's attendee, found by the SHA-256 of the key or token. Both sides authenticate with this;
 * each supplies its own lookup of host key digests.
 */
public final class BearerAuthentication {

    private static final String BEARER = "Bearer ";
    private static final int MAX_HEADER = 512;

    private final byte[] adminKeyDigest;
    // a key never changes owner, so a digest once found can be remembered
    private final Map<String, Caller> knownCallers = new ConcurrentHashMap<>();

    /** @param adminKey the admin key, or null/blank for none */
    public BearerAuthentication(String adminKey) {
        this.adminKeyDigest = adminKey == null || adminKey.isBlank() ? null : ApiKeys.sha256(adminKey);
    }

    /**
     * @param hostByKeyDigest finds the host whose key has this SHA-256 (hex)
     * @return the caller, or empty for a missing, malformed or unknown key
     */
    public Optional<Caller> authenticate(String authorization, Function<String, Optional<Caller>> hostByKeyDigest) {
        String digest = digest(authorization);
        if (digest == null) {
            return Optional.empty();
        }
        Optional<Caller> known = known(digest);
        return known.isPresent() ? known : lookUp(digest, hostByKeyDigest);
    }

    /** The SHA-256 (hex) of the bearer key, or null for a missing or malformed header. */
    public String digest(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.length() > MAX_HEADER) {
            return null;
        }
        String key = authorization.substring(BEARER.length()).trim();
        return key.isEmpty() ? null : HexFormat.of().formatHex(ApiKeys.sha256(key));
    }

    /** The admin, or a host already recognised by this key: answered from memory, without a lookup. */
    public Optional<Caller> known(String digest) {
        if (adminKeyDigest != null
                && MessageDigest.isEqual(adminKeyDigest, HexFormat.of().parseHex(digest))) {
            return Optional.of(Caller.ADMIN);
        }
        return Optional.ofNullable(knownCallers.get(digest));
    }

    /**
     * Looks the digest up among the hosts' keys (and the manage tokens, where the application knows
     * them); a key never changes owner, so a caller found is remembered.
     */
    public Optional<Caller> lookUp(String digest, Function<String, Optional<Caller>> callerByKeyDigest) {
        Optional<Caller> caller = callerByKeyDigest.apply(digest);
        caller.ifPresent(found -> knownCallers.put(digest, found));
        return caller;
    }
}
