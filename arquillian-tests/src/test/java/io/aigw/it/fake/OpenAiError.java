package io.aigw.it.fake;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI error reply ({@code {"error":{message,type,param,code}}} plus status and headers), thrown by
 * handlers and written by {@link RequestRouter}.
 */
final class OpenAiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String INVALID_REQUEST = "invalid_request_error";

    private final int status;
    private final transient JsonObject body;
    private final transient Map<String, String> headers;

    private OpenAiError(int status, String message, String type, String param, String code,
            Map<String, String> headers) {
        super(status + " " + message, null, false, false);
        this.status = status;
        this.body = envelope(message, type, param, code);
        this.headers = headers;
    }

    private OpenAiError(int status, String message, String type, String param, String code) {
        this(status, message, type, param, code, Map.of());
    }

    private OpenAiError(OpenAiError error, Map<String, String> headers) {
        super(error.getMessage(), null, false, false);
        this.status = error.status;
        this.body = error.body;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    JsonObject body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** Builds the standard {@code {"error":{...}}} envelope; {@code null} fields become JSON null. */
    static JsonObject envelope(String message, String type, String param, String code) {
        JsonObjectBuilder error = JsonSupport.JSON.createObjectBuilder().add("message", message).add("type", type);
        addNullable(error, "param", param);
        addNullable(error, "code", code);
        return JsonSupport.JSON.createObjectBuilder().add("error", error).build();
    }

    private static void addNullable(JsonObjectBuilder builder, String name, String value) {
        if (value == null) {
            builder.addNull(name);
        } else {
            builder.add(name, value);
        }
    }

    static OpenAiError invalidApiKey() {
        return new OpenAiError(401, "Incorrect API key provided: sk-...xxxx. You can find your API key at "
                + "https://platform.openai.com/account/api-keys.", INVALID_REQUEST, null, "invalid_api_key");
    }

    static OpenAiError unsupportedRegion() {
        return new OpenAiError(403, "You are not allowed to sample from this model. Country, region, or territory "
                + "not supported.", INVALID_REQUEST, null, "unsupported_country_region_territory");
    }

    /** 429 {@code rate_limit_exceeded} with {@code retry-after: 7} ({@code fault-429}). */
    static OpenAiError rateLimited() {
        return rateLimited(Duration.ofSeconds(7));
    }

    /**
     * 429 {@code rate_limit_exceeded} with the {@code x-ratelimit-*-requests} headers, the reset being
     * {@code retryAfter} (7 s when {@code null}).
     *
     * @param retryAfter the {@code retry-after} to send, or {@code null} for none
     */
    static OpenAiError rateLimited(Duration retryAfter) {
        long reset = retryAfter == null ? 7 : ScriptedErrors.seconds(retryAfter);
        Map<String, String> headers = new HashMap<>(ScriptedErrors.retryAfterHeader(retryAfter));
        headers.putAll(Map.of("x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", reset + "s"));
        return new OpenAiError(429, "Rate limit reached for requests", "requests", null, "rate_limit_exceeded",
                Map.copyOf(headers));
    }

    static OpenAiError serverError() {
        return new OpenAiError(500, "The server had an error while processing your request.", "server_error",
                null, null);
    }

    static OpenAiError overloaded() {
        return new OpenAiError(503, "The engine is currently overloaded, please try again later", "server_error",
                null, null);
    }

    /**
     * The error of a {@link ScriptedFaults scripted} failure: 401 {@code invalid_api_key}, 403
     * {@code unsupported_country_region_territory}, 429 {@code rate_limit_exceeded}, 500 {@code server_error} or 503
     * overloaded, as the {@code fault-*} models answer, with {@code retry-after} when given.
     *
     * @throws IllegalArgumentException for any other status
     */
    static OpenAiError scripted(int status, Duration retryAfter) {
        OpenAiError error = switch (status) {
            case 401 -> invalidApiKey();
            case 403 -> unsupportedRegion();
            case 429 -> rateLimited(retryAfter);
            case 500 -> serverError();
            case 503 -> overloaded();
            default -> throw ScriptedErrors.unsupported("OpenAI", status, "401, 403, 429, 500 and 503");
        };
        return status == 429 ? error : new OpenAiError(error, ScriptedErrors.retryAfterHeader(retryAfter));
    }

    /** 400 {@code context_length_exceeded}: the prompt is longer than the context ({@code fault-context-length}). */
    static OpenAiError contextLengthExceeded() {
        return new OpenAiError(400, "This model's maximum context length is 128000 tokens. However, your messages "
                + "resulted in 130000 tokens. Please reduce the length of the messages.", INVALID_REQUEST, "messages",
                "context_length_exceeded");
    }

    static OpenAiError modelNotFound(String model) {
        return new OpenAiError(404, "The model `" + model + "` does not exist or you do not have access to it.",
                INVALID_REQUEST, null, "model_not_found");
    }

    static OpenAiError missingParameter(String param) {
        return new OpenAiError(400, "Missing required parameter: '" + param + "'.", INVALID_REQUEST, param,
                "missing_required_parameter");
    }

    static OpenAiError missingModel() {
        return new OpenAiError(400, "you must provide a model parameter", INVALID_REQUEST, null, null);
    }

    static OpenAiError emptyArray(String param) {
        return new OpenAiError(400, "Invalid '" + param + "': empty array. Expected an array with minimum length 1, "
                + "but got an empty array instead.", INVALID_REQUEST, param, "empty_array");
    }

    static OpenAiError belowMinimum(String param, int value) {
        return new OpenAiError(400, "Invalid '" + param + "': integer below minimum value. Expected a value >= 1, "
                + "but got " + value + " instead.", INVALID_REQUEST, param, "integer_below_min_value");
    }

    /** A {@code tool} message without a {@code tool_call_id}. */
    static OpenAiError missingToolCallId(int index) {
        return new OpenAiError(400, "Missing parameter 'tool_call_id': messages with role 'tool' must have a "
                + "'tool_call_id'.", INVALID_REQUEST, "messages.[" + index + "].tool_call_id", null);
    }

    /** A {@code tool} message whose closest preceding non-tool message is not an assistant with tool calls. */
    static OpenAiError toolWithoutToolCalls(int index) {
        // "preceeding" is OpenAI's own spelling
        return new OpenAiError(400, "Invalid parameter: messages with role 'tool' must be a response to a preceeding "
                + "message with 'tool_calls'.", INVALID_REQUEST, "messages.[" + index + "].role", null);
    }

    /** A {@code tool} message answering an id the preceding assistant message did not call. */
    static OpenAiError toolCallIdNotFound(String id, int index) {
        return new OpenAiError(400, "Invalid parameter: 'tool_call_id' of '" + id + "' not found in 'tool_calls' of "
                + "previous message.", INVALID_REQUEST, "messages.[" + index + "].tool_call_id", null);
    }

    /**
     * Tool calls of an assistant message that no {@code tool} message answered.
     *
     * @param ids   the unanswered ids, in the order they were called
     * @param param {@code messages.[i].role} of the message that came instead, or {@code messages} at the end
     */
    static OpenAiError toolCallsUnanswered(List<String> ids, String param) {
        return new OpenAiError(400, "An assistant message with 'tool_calls' must be followed by tool messages "
                + "responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: "
                + String.join(", ", ids), INVALID_REQUEST, param, null);
    }

    static OpenAiError unparseableJson() {
        return new OpenAiError(400, "We could not parse the JSON body of your request. (HINT: This likely means you "
                + "aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
                + "sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us "
                + "through our help center at help.openai.com.)", INVALID_REQUEST, null, null);
    }

    static OpenAiError invalidUrl(String method, String path) {
        return new OpenAiError(404, "Invalid URL (" + method + " " + path + ")", INVALID_REQUEST, null, null);
    }

    static OpenAiError methodNotAllowed(String method, String path, String allowed) {
        return new OpenAiError(405, "Invalid method for URL (" + method + " " + path + ")", INVALID_REQUEST, null,
                null, Map.of("allow", allowed));
    }
}
