package dev.bookwise.web.secrets;

import dev.bookwise.web.auth.ApiKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Text kept at rest that must not be readable there (stored responses that hold a new host's key,
 * signing secrets): AES-256-GCM under the application's secret key ({@code BOOKWISE_SECRET_KEY}, any
 * text of at least 32 characters; the AES key is its SHA-256). A sealed text reads
 * {@code enc:v1:<base64 of nonce and ciphertext>}; text without that prefix was stored before
 * encryption and is opened as it is. To rotate the key, start with the new key and the old one as
 * {@code BOOKWISE_SECRET_KEY_PREVIOUS}: new values are sealed with the new key, old ones still open.
 */
public final class SecretBox {

    private static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final SecretKeySpec previous;

    public SecretBox(String secretKey) {
        this(secretKey, null);
    }

    /** @param previousKey the key values were sealed with before a rotation, or null */
    public SecretBox(String secretKey, String previousKey) {
        this.key = new SecretKeySpec(ApiKeys.sha256(secretKey), "AES");
        this.previous = previousKey == null || previousKey.isBlank()
                ? null
                : new SecretKeySpec(ApiKeys.sha256(previousKey), "AES");
    }

    public String seal(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    /** @throws IllegalStateException when the text was sealed under another key (or altered) */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        byte[] data = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            return open(data, key);
        } catch (GeneralSecurityException e) {
            if (previous != null) {
                try {
                    return open(data, previous);
                } catch (GeneralSecurityException ignored) {
                    // neither key: reported below
                }
            }
            throw new IllegalStateException(
                    "a stored secret opens with neither BOOKWISE_SECRET_KEY nor BOOKWISE_SECRET_KEY_PREVIOUS", e);
        }
    }

    private static String open(byte[] data, SecretKeySpec with) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
        return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
    }
}
