package dev.bookwise.events;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A host joined. {@code apiKeySha256} is the SHA-256 of the host's API key (hex), never the key:
 * the key is 256 random bits, so the digest cannot be reversed, and both sides authenticate from it.
 */
@Revision("1")
public record HostRegistered(UUID hostId, String name, String email, String timeZone, String apiKeySha256) {}
