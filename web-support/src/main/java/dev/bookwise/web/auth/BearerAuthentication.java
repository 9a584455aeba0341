package dev.bookwise.web.auth;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who an {@code Authorization: Bearer <key>} header belongs to: the admin (key compared in
 * constant time) or a host, found by the SHA-256 of its key. Both sides authenticate with this;
 * each supplies its own lookup of host key digests.
 */
public final class BearerAuthentication {

    private static final String BEARER = "Bearer ";
    /** The prefix of an attendee's manage token, which identifies one booking and never a host. */
    public static final String MANAGE_TOKEN_PREFIX = "bwm_";

    private static final int MAX_HEADER = 512;

    private final byte[] adminKeyDigest;
    // a key never changes owner, so a digest once found can be remembered
    private final Map<String, Caller> knownKeys = new ConcurrentHashMap<>();

    /** @param adminKey the admin key, or null/blank for none */
    public BearerAuthentication(String adminKey) {
        this.adminKeyDigest = adminKey == null || adminKey.isBlank() ? null : ApiKeys.sha256(adminKey);
    }

    /**
     * @param callerByKeyDigest finds the host or team whose key has this SHA-256 (hex)
     * @return the caller, or empty for a missing, malformed or unknown key
     */
    public Optional<Caller> authenticate(String authorization, Function<String, Optional<Caller>> callerByKeyDigest) {
        String digest = digest(authorization);
        if (digest == null) {
            return Optional.empty();
        }
        Optional<Caller> known = known(digest);
        return known.isPresent() ? known : lookUp(digest, callerByKeyDigest);
    }

    /** The SHA-256 (hex) of the bearer key, or null for a missing or malformed header. */
    public String digest(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.length() > MAX_HEADER) {
            return null;
        }
        String key = authorization.substring(BEARER.length()).trim();
        return key.isEmpty() ? null : HexFormat.of().formatHex(ApiKeys.sha256(key));
    }

    /** Whether the bearer key is an attendee's manage token (looked up among bookings, never among host keys). */
    public static boolean isManageToken(String authorization) {
        return authorization != null
                && authorization.startsWith(BEARER)
                && authorization.substring(BEARER.length()).trim().startsWith(MANAGE_TOKEN_PREFIX);
    }

    /** The admin, or a host or team already recognised by this key: answered from memory, without a lookup. */
    public Optional<Caller> known(String digest) {
        if (adminKeyDigest != null
                && MessageDigest.isEqual(adminKeyDigest, HexFormat.of().parseHex(digest))) {
            return Optional.of(Caller.ADMIN);
        }
        return Optional.ofNullable(knownKeys.get(digest));
    }

    /** Looks the digest up among the hosts' and teams' keys; a key never changes owner, so an owner found is remembered. */
    public Optional<Caller> lookUp(String digest, Function<String, Optional<Caller>> callerByKeyDigest) {
        Optional<Caller> owner = callerByKeyDigest.apply(digest);
        owner.ifPresent(caller -> knownKeys.put(digest, caller));
        return owner;
    }
}
