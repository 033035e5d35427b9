package io.aigw.policy.auth;

import io.aigw.policy.config.DataFolder;
import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes key secrets with HMAC-SHA256 under a server secret ({@code aigw.auth.key-hash-secret}, or one generated
 * into the data folder on first start). Keys are random and high-entropy, so a keyed fast hash is the right tool; a
 * slow password hash would cost milliseconds on every request. Several servers sharing a database must share the
 * secret.
 */
@ApplicationScoped
public class KeyHasher {

    static final String SECRET_FILE = "aigw-key-hash.secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    GatewaySettings settings;

    @Inject
    DataFolder dataFolder;

    private SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @PostConstruct
    void init() {
        String secret = settings.keyHashSecret().orElseGet(() -> dataFolder.secret(SECRET_FILE, KeyHasher::randomToken));
        key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The hex HMAC of a key secret. */
    public String hash(String keySecret) {
        return HexFormat.of().formatHex(macs.get().doFinal(keySecret.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A secret for another purpose derived from the key-hash secret ({@code HMAC(secret, purpose)}), so that servers
     * sharing a database share it too and the database alone never holds it.
     */
    public byte[] derive(String purpose) {
        return newMac().doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    }

    /** One initialised MAC per thread: looking up and keying a MAC costs more than computing one. */
    private Mac newMac() {
        return hmac(key);
    }

    /** A new HMAC-SHA256 under {@code key}. */
    public static Mac hmac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** 32 random bytes, URL-safe base64. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
