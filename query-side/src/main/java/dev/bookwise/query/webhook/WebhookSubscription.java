package dev.bookwise.query.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook subscription as the API shows it (never with its secret, which is shown once). */
public record WebhookSubscription(UUID id, UUID hostId, String url, List<String> events, Instant createdAt) {}
