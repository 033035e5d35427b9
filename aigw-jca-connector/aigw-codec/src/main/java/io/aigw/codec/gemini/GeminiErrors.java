package io.aigw.codec.gemini;

import io.aigw.codec.json.JsonText;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The Google API error envelope {@code {"error":{"code","message","status","details":[...]}}}, read only to classify:
 * the {@code google.rpc.ErrorInfo} detail's {@code reason} (e.g. {@code API_KEY_INVALID}, which Gemini sends with
 * HTTP 400) and the {@code google.rpc.RetryInfo} detail's {@code retryDelay} (Gemini's rate limits say when to retry in
 * the body, not in a header).
 */
public final class GeminiErrors {

    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

    private GeminiErrors() {
    }

    /**
     * An upstream error as far as it could be read; fields are {@code null} (code 0) when absent.
     *
     * @param code       the HTTP status the envelope repeats
     * @param message    the human-readable message
     * @param status     the canonical status, e.g. {@code INVALID_ARGUMENT}, {@code RESOURCE_EXHAUSTED}
     * @param reason     the {@code ErrorInfo} reason, e.g. {@code API_KEY_INVALID}
     * @param retryDelay the {@code RetryInfo} delay
     */
    public record GeminiError(int code, String message, String status, String reason, Duration retryDelay) {
        static final GeminiError NONE = new GeminiError(0, null, null, null, null);
    }

    /** Reads an error body, tolerating anything. */
    public static GeminiError read(String body) {
        try {
            return read(JsonText.parseObject(body));
        } catch (RuntimeException e) {
            return GeminiError.NONE;
        }
    }

    /** Reads a parsed error body (also an {@code error} event of a stream), tolerating anything. */
    public static GeminiError read(JsonObject body) {
        if (!(body.get("error") instanceof JsonObject error)) {
            return GeminiError.NONE;
        }
        String reason = null;
        Duration retryDelay = null;
        if (error.get("details") instanceof JsonArray details) {
            for (JsonValue v : details) {
                if (v instanceof JsonObject detail) {
                    String type = string(detail, "@type");
                    if (ERROR_INFO.equals(type)) {
                        reason = string(detail, "reason");
                    } else if (RETRY_INFO.equals(type)) {
                        retryDelay = duration(string(detail, "retryDelay"));
                    }
                }
            }
        }
        return new GeminiError(error.get("code") instanceof JsonNumber n ? n.intValue() : 0, string(error, "message"),
                string(error, "status"), reason, retryDelay);
    }

    /** Whether a stream chunk is an error rather than a {@code GenerateContentResponse}. */
    public static boolean isError(JsonObject chunk) {
        return chunk.get("error") instanceof JsonObject;
    }

    private static String string(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s ? s.getString() : null;
    }

    /** A protobuf JSON duration ({@code "37s"}, {@code "1.500s"}), or {@code null}. */
    private static Duration duration(String s) {
        if (s == null || !s.endsWith("s")) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(s.substring(0, s.length() - 1));
            return seconds.signum() < 0 ? null : Duration.ofMillis(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
