package dev.bookwise.web.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminKey the admin bearer key ({@code BOOKWISE_ADMIN_KEY}): required, at least 24 characters, so that it
 *                 cannot be guessed within any rate limit; an application refuses to start without one
 */
@ConfigurationProperties("bookwise")
public record AdminKeyProperties(String adminKey) {

    public static final int MIN_LENGTH = 24;

    public AdminKeyProperties {
        if (adminKey == null || adminKey.isBlank()) {
            throw new IllegalArgumentException("BOOKWISE_ADMIN_KEY (bookwise.admin-key) must be set");
        }
        if (adminKey.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "BOOKWISE_ADMIN_KEY (bookwise.admin-key) must be at least " + MIN_LENGTH + " characters");
        }
    }
}
