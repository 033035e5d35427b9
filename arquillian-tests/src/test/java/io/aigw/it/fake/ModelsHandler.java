package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Serves {@code GET /v1/models} and {@code GET /v1/models/{id}}, and decides which model names exist. */
final class ModelsHandler {

    static final String PATH = "/v1/models";

    private static final long CREATED = 1721172741L;
    private static final List<String> LISTED = List.of("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");
    private static final List<String> SERVABLE_PREFIXES = List.of("gpt-", "fake-", "fault-", "text-embedding-");

    /**
     * Throws the OpenAI 404 {@code model_not_found} error unless the fake serves this model: names starting
     * with {@code gpt-}, {@code fake-}, {@code fault-} or {@code text-embedding-}, except {@code nosuch-*}.
     */
    static void requireServable(String model) {
        boolean servable = !model.startsWith("nosuch-")
                && SERVABLE_PREFIXES.stream().anyMatch(model::startsWith);
        if (!servable) {
            throw OpenAiError.modelNotFound(model);
        }
    }

    /** Writes the model list. */
    void list(HttpExchange exchange, RecordedRequest request) throws IOException {
        JsonArrayBuilder data = JsonSupport.JSON.createArrayBuilder();
        LISTED.forEach(id -> data.add(model(id)));
        JsonObject body = JsonSupport.JSON.createObjectBuilder().add("object", "list").add("data", data).build();
        HttpReplies.json(exchange, 200, body, Map.of());
    }

    /** Writes one listed model, or 404 {@code model_not_found}. */
    void one(HttpExchange exchange, RecordedRequest request) throws IOException {
        String id = request.path().substring(PATH.length() + 1);
        if (!LISTED.contains(id)) {
            throw OpenAiError.modelNotFound(id);
        }
        HttpReplies.json(exchange, 200, model(id), Map.of());
    }

    private static JsonObject model(String id) {
        return JsonSupport.JSON.createObjectBuilder()
                .add("id", id)
                .add("object", "model")
                .add("created", CREATED)
                .add("owned_by", "system")
                .build();
    }
}
