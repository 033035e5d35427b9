package io.aigw.policy.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Standard Webhooks signature against fixed vectors: the one of the Standard Webhooks reference libraries, and
 * one computed outside Java (Python's hmac module) over a UTF-8 body; the secrets the gateway makes and seals.
 */
class WebhookSignatureTest {

    @Test
    void theStandardWebhooksReferenceVector() {
        String signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aVectorComputedByAnotherImplementationOverANonAsciiBody() {
        // python3: base64.b64encode(hmac.new(bytes(range(32)), b'<id>.<ts>.' + body, hashlib.sha256).digest())
        String body = "{\"type\":\"aigw.alert.budget\",\"data\":{\"scope\":\"tenant:acmé\",\"fraction\":0.5}}";
        String signature = WebhookSignature.sign("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "msg_0123456789abcdef0123456789abcdef", 1767225600L, body.getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1,pCP5ai71gofhXNv5UtN9v1ZqDIRiOXK1XGCdQZ8yFkw=");
    }

    @Test
    void aMessageCarriesItsIdTheAttemptsTimeAndASignatureOverBoth() {
        WebhookMessage m = WebhookMessage.of("aigw.alert.test", Instant.parse("2026-12-04T10:00:00.123456Z"),
                jakarta.json.Json.createObjectBuilder().add("alert", "a").build());
        assertThat(m.id()).matches("msg_[0-9a-f]{32}");
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"aigw.alert.test\","
                + "\"timestamp\":\"2026-12-04T10:00:00.123Z\",\"data\":{\"alert\":\"a\"}}");
        String secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        Map<String, String> first = m.headers(secret, Instant.ofEpochSecond(1767225600L));
        Map<String, String> retry = m.headers(secret, Instant.ofEpochSecond(1767225605L));
        assertThat(first.get("webhook-id")).isEqualTo(m.id()).isEqualTo(retry.get("webhook-id"));
        assertThat(first.get("webhook-timestamp")).isEqualTo("1767225600");
        assertThat(retry.get("webhook-timestamp")).isEqualTo("1767225605");
        assertThat(first.get("webhook-signature")).isEqualTo(WebhookSignature.sign(secret, m.id(), 1767225600L,
                m.body())).isNotEqualTo(retry.get("webhook-signature"));
    }

    @Test
    void secretsAreWhsecAndThirtyTwoRandomBytesSealedForTheirAlertOnly() throws GeneralSecurityException {
        String secret = WebhookSecrets.generate();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSecrets.generate()).isNotEqualTo(secret);

        WebhookSecrets secrets = new WebhookSecrets();
        secrets.useKey(new byte[32]);
        String sealed = secrets.seal("budget-watch", secret);
        assertThat(sealed).doesNotContain(secret.substring(6));
        assertThat(secrets.open("budget-watch", sealed)).isEqualTo(secret);
        assertThat(secrets.seal("budget-watch", secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> secrets.open("another-alert", sealed)).isInstanceOf(GeneralSecurityException.class);
        WebhookSecrets otherKey = new WebhookSecrets();
        otherKey.useKey(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
            24, 25, 26, 27, 28, 29, 30, 31, 32});
        assertThatThrownBy(() -> otherKey.open("budget-watch", sealed)).isInstanceOf(GeneralSecurityException.class);
    }
}
