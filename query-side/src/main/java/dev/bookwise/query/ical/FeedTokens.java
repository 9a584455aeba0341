package dev.bookwise.query.ical;

import dev.bookwise.web.auth.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The secrets of hosts' calendar feeds ({@value #PREFIX}...): 256 random bits like a host key, handed
 * out once; calendar_feed keeps only their SHA-256, one per host, so issuing a new one revokes the old.
 */
@Repository
class FeedTokens {

    static final String PREFIX = "bwf_";

    // "bwf_" + 43 characters of unpadded base64url (32 bytes): anything longer is not one of ours
    private static final int MAX_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    FeedTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new secret for the host's feed; from now on only it opens the feed. */
    String rotate(UUID hostId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("""
                INSERT INTO calendar_feed (host_id, token_sha256, created_at) VALUES (?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = EXCLUDED.created_at
                """, hostId, ApiKeys.sha256Hex(token), Timestamp.from(Instant.now()));
        return token;
    }

    /** Whether {@code token} is the host's current feed secret (false for none, a malformed or an old one). */
    boolean opens(UUID hostId, String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > MAX_LENGTH) {
            return false;
        }
        byte[] presented = ApiKeys.sha256Hex(token).getBytes(StandardCharsets.US_ASCII);
        // the row is found by host, then compared in constant time: the digest is never a search key
        return jdbc
                .query("SELECT token_sha256 FROM calendar_feed WHERE host_id = ?", (rs, i) -> rs.getString(1), hostId)
                .stream()
                .anyMatch(stored -> MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), presented));
    }
}
