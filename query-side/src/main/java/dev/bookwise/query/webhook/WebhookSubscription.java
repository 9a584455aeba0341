package dev.bookwise.query.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as the API shows it (never with its secret, which is shown once). {@code hostId}:
 * one host's bookings; {@code teamId}: the bookings made through one team; neither: every host's.
 */
public record WebhookSubscription(
        UUID id,
        UUID hostId,
        String url,
        List<String> events,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID teamId) {}
