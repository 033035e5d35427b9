package io.aigw.codec.bedrock;

import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonObject;

/**
 * Bedrock's error responses: the error type travels in the {@code x-amzn-ErrorType} header (e.g.
 * {@code ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/}) or as {@code __type} in the
 * body, the human-readable text as {@code message} (some services spell it {@code Message}).
 */
public final class BedrockErrors {

    private BedrockErrors() {
    }

    /**
     * The bare error type ({@code ThrottlingException}) from the header value or, failing that, the body's
     * {@code __type} ({@code com.amazon.coral.service#ThrottlingException} gives {@code ThrottlingException});
     * {@code null} if neither says.
     */
    public static String errorType(String headerValue, String body) {
        String type = headerValue;
        if (type == null || type.isBlank()) {
            JsonObject o = parse(body);
            type = o == null ? null : stringOrNull(o, "__type");
        }
        if (type == null || type.isBlank()) {
            return null;
        }
        int colon = type.indexOf(':');
        if (colon >= 0) {
            type = type.substring(0, colon);
        }
        int hash = type.lastIndexOf('#');
        return hash >= 0 ? type.substring(hash + 1).trim() : type.trim();
    }

    /** The body's {@code message} (or {@code Message}), or {@code null} when it has none or is not JSON. */
    public static String message(String body) {
        JsonObject o = parse(body);
        if (o == null) {
            return null;
        }
        String m = stringOrNull(o, "message");
        return m != null ? m : stringOrNull(o, "Message");
    }

    /** An error body as Bedrock sends it: {@code {"message":...}}. */
    public static JsonObject encode(String message) {
        return Jsonp.createObjectBuilder().add("message", message).build();
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JsonText.parseObject(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String stringOrNull(JsonObject o, String field) {
        try {
            return JsonFields.string(o, field, field);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
