package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Serves {@code GET /v1/models} and {@code GET /v1/models/{id}}, and decides which model names exist. */
final class AnthropicModels {

    static final String PATH = "/v1/models";

    private record Listed(String id, String displayName, String createdAt) {
    }

    private static final List<Listed> LISTED = List.of(
            new Listed("claude-sonnet-4-5", "Claude Sonnet 4.5", "2025-09-29T00:00:00Z"),
            new Listed("claude-haiku-4-5", "Claude Haiku 4.5", "2025-10-15T00:00:00Z"));
    private static final List<String> SERVABLE_PREFIXES = List.of("claude-", "fake-", "fault-");

    /**
     * Throws the Anthropic 404 {@code not_found_error} ({@code "model: <name>"}) unless the fake serves this
     * model: names starting with {@code claude-}, {@code fake-} or {@code fault-}.
     */
    static void requireServable(String model) {
        if (SERVABLE_PREFIXES.stream().noneMatch(model::startsWith)) {
            throw AnthropicError.notFound("model: " + model);
        }
    }

    /** Writes the model list page (all models, {@code has_more: false}). */
    void list(HttpExchange exchange, RecordedRequest request) throws IOException {
        JsonArrayBuilder data = JsonSupport.JSON.createArrayBuilder();
        LISTED.forEach(model -> data.add(json(model)));
        JsonObject body = JsonSupport.JSON.createObjectBuilder()
                .add("data", data)
                .add("has_more", false)
                .add("first_id", LISTED.get(0).id())
                .add("last_id", LISTED.get(LISTED.size() - 1).id())
                .build();
        AnthropicHttp.json(exchange, 200, body, Map.of());
    }

    /** Writes one listed model, or 404 {@code not_found_error}. */
    void one(HttpExchange exchange, RecordedRequest request) throws IOException {
        String id = request.path().substring(PATH.length() + 1);
        Listed model = LISTED.stream().filter(listed -> listed.id().equals(id)).findFirst()
                .orElseThrow(() -> AnthropicError.notFound("model: " + id));
        AnthropicHttp.json(exchange, 200, json(model), Map.of());
    }

    private static JsonObject json(Listed model) {
        return JsonSupport.JSON.createObjectBuilder()
                .add("type", "model")
                .add("id", model.id())
                .add("display_name", model.displayName())
                .add("created_at", model.createdAt())
                .build();
    }
}
