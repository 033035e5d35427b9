package io.aigw.it.fake;

import java.time.Duration;
import java.util.Map;

/**
 * A Bedrock error reply: its status, its error type (sent as {@code x-amzn-ErrorType}), its message (sent as
 * {@code {"message":...}}) and extra headers.
 */
final class BedrockError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final transient Map<String, String> headers;

    BedrockError(int status, String type, String message) {
        this(status, type, message, Map.of());
    }

    private BedrockError(int status, String type, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.type = type;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** 429 {@code ThrottlingException} ({@code fault-throttle}). */
    static BedrockError throttling() {
        return new BedrockError(429, "ThrottlingException", "Too many requests, please wait before trying again.");
    }

    /** 500 {@code InternalServerException} ({@code fault-internal}). */
    static BedrockError internal() {
        return new BedrockError(500, "InternalServerException", "The server encountered an internal error.");
    }

    /** 503 {@code ServiceUnavailableException} ({@code fault-unavailable}). */
    static BedrockError unavailable() {
        return new BedrockError(503, "ServiceUnavailableException", "Bedrock is unable to process your request.");
    }

    /** 403 {@code AccessDeniedException} ({@code fault-access-denied}). */
    static BedrockError accessDenied() {
        return new BedrockError(403, "AccessDeniedException",
                "You don't have access to the model with the specified model ID.");
    }

    /** 400 {@code ValidationException}: the input is longer than the model's context ({@code fault-context-length}). */
    static BedrockError inputTooLong() {
        return new BedrockError(400, "ValidationException", "Input is too long for requested model.");
    }

    /**
     * The error of a {@link ScriptedFaults scripted} failure: 403 {@code AccessDeniedException}, 429
     * {@code ThrottlingException}, 500 {@code InternalServerException} or 503 {@code ServiceUnavailableException}, as
     * the {@code fault-*} models answer, with {@code retry-after} when given.
     *
     * @throws IllegalArgumentException for any other status
     */
    static BedrockError scripted(int status, Duration retryAfter) {
        BedrockError error = switch (status) {
            case 403 -> accessDenied();
            case 429 -> throttling();
            case 500 -> internal();
            case 503 -> unavailable();
            default -> throw ScriptedErrors.unsupported("Bedrock", status, "403, 429, 500 and 503");
        };
        return new BedrockError(status, error.type, error.getMessage(), ScriptedErrors.retryAfterHeader(retryAfter));
    }
}
