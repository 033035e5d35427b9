package io.aigw.policy.alert;

import io.aigw.policy.auth.KeyHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing secrets: made here ({@code whsec_} and the base64 of 32 random bytes), stored sealed with AES-256-GCM under
 * a key derived from {@code aigw.auth.key-hash-secret} (servers sharing the database share it; the database alone
 * never holds a usable secret), and opened only to sign a delivery. The alert's name is the sealed value's associated
 * data, so a sealed secret copied to another alert does not open.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final String PURPOSE = "aigw-webhook-secret-v1";
    private static final int SECRET_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    KeyHasher hasher;

    private SecretKeySpec key;

    /** A new signing secret. */
    public static String generate() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The secret sealed for storage: base64 of nonce and ciphertext. */
    public String seal(String alert, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, alert);
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The secret of a sealed value.
     *
     * @throws GeneralSecurityException when it was sealed under another key-hash secret or for another alert
     */
    public String open(String alert, String sealed) throws GeneralSecurityException {
        byte[] all = Base64.getDecoder().decode(sealed);
        byte[] nonce = java.util.Arrays.copyOfRange(all, 0, NONCE_BYTES);
        Cipher c = cipher(Cipher.DECRYPT_MODE, nonce, alert);
        return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
    }

    private Cipher cipher(int mode, byte[] nonce, String alert) throws GeneralSecurityException {
        if (key == null) {
            key = new SecretKeySpec(hasher.derive(PURPOSE), "AES");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(128, nonce));
        c.updateAAD(alert.getBytes(StandardCharsets.UTF_8));
        return c;
    }

    /** For tests: seals under {@code derived} instead of the key-hash secret. */
    void useKey(byte[] derived) {
        key = new SecretKeySpec(derived, "AES");
    }
}
