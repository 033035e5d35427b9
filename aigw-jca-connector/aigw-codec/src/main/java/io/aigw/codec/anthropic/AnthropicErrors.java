package io.aigw.codec.anthropic;

import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonObject;

/** The Anthropic error envelope {@code {"type":"error","error":{"type","message"}}}. */
public final class AnthropicErrors {

    private AnthropicErrors() {
    }

    /** The Anthropic error type for an HTTP status. */
    public static String typeFor(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    public static JsonObject encode(String type, String message) {
        return Jsonp.createObjectBuilder().add("type", "error")
                .add("error", Jsonp.createObjectBuilder().add("type", type).add("message", message)).build();
    }
}
