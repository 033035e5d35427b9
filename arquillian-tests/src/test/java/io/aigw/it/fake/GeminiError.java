package io.aigw.it.fake;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;

/**
 * A Google API error reply — {@code {"error":{"code","message","status","details"?}}} with its HTTP status — thrown by the Gemini handlers and written by {@link GeminiRouter}. Gemini itself sends no
 * {@code Retry-After} header: a rate limit says when to retry in a {@code google.rpc.RetryInfo} detail, scripted
 * failures included.
 */
final class GeminiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The {@code retryDelay} of {@code fault-429}, in seconds. */
    static final int RETRY_DELAY_SECONDS = 9;

    private final int status;
    private final transient JsonObject body;

    private GeminiError(int status, String googleStatus, String message, JsonArrayBuilder details) {
        super(status + " " + googleStatus + ": " + message, null, false, false);
        this.status = status;
        this.body = envelope(status, googleStatus, message, details);
    }

    int status() {
        return status;
    }

    /** The error envelope of this error. */
    JsonObject body() {
        return body;
    }

    /** Builds the Google envelope; also what a stream carries as an error chunk. */
    static JsonObject envelope(int code, String googleStatus, String message, JsonArrayBuilder details) {
        JsonObjectBuilder error = JsonSupport.JSON.createObjectBuilder().add("code", code).add("message", message)
                .add("status", googleStatus);
        if (details != null) {
            error.add("details", details);
        }
        return JsonSupport.JSON.createObjectBuilder().add("error", error).build();
    }

    /** 403: no key at all. */
    static GeminiError missingKey() {
        return new GeminiError(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without "
                + "established identity). Please use API Key or other form of API consumer identity to call this API.",
                null);
    }

    /** 400 {@code API_KEY_INVALID}: what Google answers to a wrong key. */
    static GeminiError invalidKey() {
        String message = "API key not valid. Please pass a valid API key.";
        return new GeminiError(400, "INVALID_ARGUMENT", message, JsonSupport.JSON.createArrayBuilder()
                .add(JsonSupport.JSON.createObjectBuilder()
                        .add("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                        .add("reason", "API_KEY_INVALID").add("domain", "googleapis.com")
                        .add("metadata", JsonSupport.JSON.createObjectBuilder()
                                .add("service", "generativelanguage.googleapis.com")))
                .add(JsonSupport.JSON.createObjectBuilder()
                        .add("@type", "type.googleapis.com/google.rpc.LocalizedMessage")
                        .add("locale", "en-US").add("message", message)));
    }

    /** 401: what Google answers to a bad OAuth token ({@code fault-401}). */
    static GeminiError unauthenticated() {
        return new GeminiError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth "
                + "2 access token, login cookie or other valid authentication credential.", null);
    }

    static GeminiError invalid(String message) {
        return new GeminiError(400, "INVALID_ARGUMENT", message, null);
    }

    static GeminiError notFound(String message) {
        return new GeminiError(404, "NOT_FOUND", message, null);
    }

    static GeminiError unknownModel(String model) {
        return unsupportedModel(model, "generateContent");
    }

    /** 404 for a model that does not exist or cannot serve {@code method} (e.g. {@code embedContent}). */
    static GeminiError unsupportedModel(String model, String method) {
        return notFound("models/" + model + " is not found for API version v1beta, or is not supported for "
                + method + ". Call ListModels to see the list of available models and their supported methods.");
    }

    static GeminiError methodNotAllowed() {
        return new GeminiError(405, "INVALID_ARGUMENT", "Method not allowed.", null);
    }

    /** 429 {@code RESOURCE_EXHAUSTED}, {@code RetryInfo} of {@value #RETRY_DELAY_SECONDS} s ({@code fault-429}). */
    static GeminiError rateLimited() {
        return rateLimited(Duration.ofSeconds(RETRY_DELAY_SECONDS));
    }

    /**
     * 429 {@code RESOURCE_EXHAUSTED}, with a {@code google.rpc.RetryInfo} detail when {@code retryDelay} is given.
     *
     * @param retryDelay the {@code retryDelay}, sent in whole seconds, or {@code null} for no detail
     */
    static GeminiError rateLimited(Duration retryDelay) {
        JsonArrayBuilder details = retryDelay == null ? null : JsonSupport.JSON.createArrayBuilder()
                .add(JsonSupport.JSON.createObjectBuilder()
                        .add("@type", "type.googleapis.com/google.rpc.RetryInfo")
                        .add("retryDelay", ScriptedErrors.seconds(retryDelay) + "s"));
        return new GeminiError(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan "
                + "and billing details.", details);
    }

    static GeminiError internal() {
        return new GeminiError(500, "INTERNAL", "An internal error has occurred. Please retry or report in "
                + "https://developers.generativeai.google/guide/troubleshooting", null);
    }

    static GeminiError unavailable() {
        return new GeminiError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null);
    }

    /** 400: the prompt has more tokens than the model's input limit ({@code fault-context-length}). */
    static GeminiError inputTooLong() {
        return invalid("The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).");
    }

    /**
     * The error of a {@link ScriptedFaults scripted} failure: 401 {@code UNAUTHENTICATED}, 429
     * {@code RESOURCE_EXHAUSTED} (its {@code RetryInfo} the retry-after), 500 {@code INTERNAL} or 503
     * {@code UNAVAILABLE}, as the {@code fault-*} models answer; like the real API, never a {@code Retry-After} header.
     *
     * @throws IllegalArgumentException for any other status
     */
    static GeminiError scripted(int status, Duration retryAfter) {
        GeminiError error = switch (status) {
            case 401 -> unauthenticated();
            case 429 -> rateLimited(retryAfter);
            case 500 -> internal();
            case 503 -> unavailable();
            default -> throw ScriptedErrors.unsupported("Gemini", status, "401, 429, 500 and 503");
        };
        return error; // Gemini never sends Retry-After: the delay travels in RetryInfo only
    }
}
