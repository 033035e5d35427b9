package io.aigw.it.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver's signature check, written from the Standard Webhooks specification (not from the gateway's
 * code): HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>} with the base64-decoded part of the secret
 * after {@code whsec_}, compared in constant time with each {@code v1,} signature of the header.
 */
public final class StandardWebhooks {

    private StandardWebhooks() {
    }

    /** Whether the request carries a valid signature under {@code secret}. */
    public static boolean verifies(String secret, WebhookReceiver.Received r) throws GeneralSecurityException {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((r.header("webhook-id") + "." + r.header("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(r.body());
        for (String signature : r.header("webhook-signature").split(" ")) {
            if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                    Base64.getDecoder().decode(signature.substring(3)))) {
                return true;
            }
        }
        return false;
    }
}
