package io.aigw.it.fake;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * An Anthropic error reply — {@code {"type":"error","error":{"type":...,"message":...}}} plus HTTP status and
 * headers — thrown by the Anthropic handlers and written by {@link AnthropicRouter}.
 */
final class AnthropicError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String INVALID_REQUEST = "invalid_request_error";

    /** HTTP status Anthropic uses for {@code overloaded_error}. */
    static final int OVERLOADED_STATUS = 529;

    private final int status;
    private final String type;
    private final String errorMessage;
    private final transient Map<String, String> headers;

    private AnthropicError(int status, String type, String message, Map<String, String> headers) {
        super(status + " " + type + ": " + message, null, false, false);
        this.status = status;
        this.type = type;
        this.errorMessage = message;
        this.headers = headers;
    }

    private AnthropicError(int status, String type, String message) {
        this(status, type, message, Map.of());
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The error envelope of this error. */
    JsonObject body() {
        return envelope(type, errorMessage);
    }

    /** Builds {@code {"type":"error","error":{"type":type,"message":message}}}; also the SSE {@code error} event. */
    static JsonObject envelope(String type, String message) {
        return JsonSupport.JSON.createObjectBuilder()
                .add("type", "error")
                .add("error", JsonSupport.JSON.createObjectBuilder().add("type", type).add("message", message))
                .build();
    }

    static AnthropicError invalidApiKey() {
        return new AnthropicError(401, "authentication_error", "invalid x-api-key");
    }

    static AnthropicError missingVersion() {
        return invalid("anthropic-version: header is required");
    }

    static AnthropicError fieldRequired(String field) {
        return invalid(field + ": Field required");
    }

    static AnthropicError invalid(String message) {
        return new AnthropicError(400, INVALID_REQUEST, message);
    }

    static AnthropicError notFound(String message) {
        return new AnthropicError(404, "not_found_error", message);
    }

    static AnthropicError methodNotAllowed(String method, String path, String allowed) {
        return new AnthropicError(405, INVALID_REQUEST, "Method Not Allowed: " + method + " " + path,
                Map.of("allow", allowed));
    }

    /** 429 {@code rate_limit_error} with {@code retry-after: 9} ({@code fault-429}). */
    static AnthropicError rateLimited() {
        return rateLimited(Duration.ofSeconds(9));
    }

    /**
     * 429 {@code rate_limit_error} with the {@code anthropic-ratelimit-requests-*} headers, the reset being
     * {@code retryAfter} from now (9 s when {@code null}).
     *
     * @param retryAfter the {@code retry-after} to send, or {@code null} for none
     */
    static AnthropicError rateLimited(Duration retryAfter) {
        long resetSeconds = retryAfter == null ? 9 : ScriptedErrors.seconds(retryAfter);
        String reset = Instant.now().plusSeconds(resetSeconds).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> headers = new HashMap<>(ScriptedErrors.retryAfterHeader(retryAfter));
        headers.putAll(Map.of("anthropic-ratelimit-requests-limit", "50",
                "anthropic-ratelimit-requests-remaining", "0",
                "anthropic-ratelimit-requests-reset", reset));
        return new AnthropicError(429, "rate_limit_error", "This request would exceed the rate limit for your "
                + "organization of 50 requests per minute. Please try again later.", Map.copyOf(headers));
    }

    static AnthropicError apiError() {
        return new AnthropicError(500, "api_error", "Internal server error");
    }

    static AnthropicError overloaded() {
        return new AnthropicError(OVERLOADED_STATUS, "overloaded_error", "Overloaded");
    }

    /** 400: the prompt is longer than the model's context window ({@code fault-context-length}). */
    static AnthropicError promptTooLong() {
        return invalid("prompt is too long: 210000 tokens > 200000 maximum");
    }

    /**
     * The error of a {@link ScriptedFaults scripted} failure: 401 {@code authentication_error}, 429
     * {@code rate_limit_error}, 500 {@code api_error} or 529 {@code overloaded_error}, as the {@code fault-*} models
     * answer, with {@code retry-after} when given.
     *
     * @throws IllegalArgumentException for any other status
     */
    static AnthropicError scripted(int status, Duration retryAfter) {
        AnthropicError error = switch (status) {
            case 401 -> invalidApiKey();
            case 429 -> rateLimited(retryAfter);
            case 500 -> apiError();
            case OVERLOADED_STATUS -> overloaded();
            default -> throw ScriptedErrors.unsupported("Anthropic", status, "401, 429, 500 and 529");
        };
        return status == 429 ? error : new AnthropicError(status, error.type, error.errorMessage,
                ScriptedErrors.retryAfterHeader(retryAfter));
    }
}
