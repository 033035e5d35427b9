package io.aigw.policy.alert;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One webhook message: its {@code webhook-id} ({@code msg_} and 32 hex digits, the same on every attempt) and its
 * body, {@code {"type": ..., "timestamp": ..., "data": {...}}}. Each attempt is signed with the time it is made.
 *
 * @param id   the {@code webhook-id}
 * @param type the event type ({@code aigw.alert.budget}, ...)
 * @param body the exact bytes sent
 */
public record WebhookMessage(String id, String type, byte[] body) {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** A new message of {@code type} that happened at {@code at}. */
    public static WebhookMessage of(String type, Instant at, JsonObject data) {
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        JsonObject body = JSON.createObjectBuilder().add("type", type)
                .add("timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString()).add("data", data).build();
        return new WebhookMessage(id, type, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The Standard Webhooks headers of an attempt made at {@code now}, signed with {@code secret}. */
    public Map<String, String> headers(String secret, Instant now) {
        long timestamp = now.getEpochSecond();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("webhook-id", id);
        h.put("webhook-timestamp", Long.toString(timestamp));
        h.put("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body));
        return h;
    }
}
