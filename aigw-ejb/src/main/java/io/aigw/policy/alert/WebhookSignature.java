package io.aigw.policy.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature: {@code v1,} and the base64 HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>}
 * under the secret's bytes (the base64 after {@code whsec_}).
 */
public final class WebhookSignature {

    /** What a signing secret starts with. */
    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSignature() {
    }

    /**
     * The {@code webhook-signature} header's value.
     *
     * @param secret    {@code whsec_<base64>}
     * @param id        the {@code webhook-id}
     * @param timestamp the {@code webhook-timestamp} (unix seconds)
     * @param body      the exact bytes sent
     */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretBytes(secret), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The key bytes of a {@code whsec_} secret. */
    static byte[] secretBytes(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
