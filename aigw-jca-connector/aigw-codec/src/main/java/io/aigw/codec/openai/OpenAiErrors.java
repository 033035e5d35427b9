package io.aigw.codec.openai;

import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The OpenAI error envelope {@code {"error":{"message","type","param","code"}}}. */
public final class OpenAiErrors {

    private OpenAiErrors() {
    }

    /** An upstream error as far as it could be read: never forwarded verbatim, only used to classify. */
    public record UpstreamError(String message, String type, String code) {
    }

    /** Encodes an error for a client. */
    public static JsonObject encode(String message, String type, String param, String code) {
        JsonObjectBuilder e = Jsonp.createObjectBuilder().add("message", message).add("type", type);
        if (param == null) {
            e.addNull("param");
        } else {
            e.add("param", param);
        }
        if (code == null) {
            e.addNull("code");
        } else {
            e.add("code", code);
        }
        return Jsonp.createObjectBuilder().add("error", e).build();
    }

    /** Reads an upstream error body, tolerating anything; fields are {@code null} when absent or unreadable. */
    public static UpstreamError read(String body) {
        try {
            JsonObject error = JsonFields.object(JsonText.parseObject(body), "error", "error");
            if (error == null) {
                return new UpstreamError(null, null, null);
            }
            Object code = error.get("code") instanceof jakarta.json.JsonString s ? s.getString() : null;
            return new UpstreamError(error.get("message") instanceof jakarta.json.JsonString m ? m.getString() : null,
                    error.get("type") instanceof jakarta.json.JsonString t ? t.getString() : null, (String) code);
        } catch (RuntimeException e) {
            return new UpstreamError(null, null, null);
        }
    }
}
