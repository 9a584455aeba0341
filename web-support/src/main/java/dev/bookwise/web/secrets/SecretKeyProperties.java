package dev.bookwise.web.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secretKey the key that seals secrets at rest ({@code BOOKWISE_SECRET_KEY}): at least 32 characters;
 *                  {@code ./bookwise up} generates one into {@code .bookwise/secret-key}. Unset, a key is derived
 *                  from the admin key (which is never stored in the database either), and a warning says so
 * @param secretKeyPrevious the key before a rotation ({@code BOOKWISE_SECRET_KEY_PREVIOUS}): values it sealed
 *                  still open
 */
@ConfigurationProperties("bookwise")
public record SecretKeyProperties(String secretKey, String secretKeyPrevious) {

    public static final int MIN_LENGTH = 32;

    public SecretKeyProperties {
        if (secretKey != null && !secretKey.isBlank() && secretKey.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "BOOKWISE_SECRET_KEY (bookwise.secret-key) must be at least " + MIN_LENGTH + " characters");
        }
    }
}
