package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.util.List;

/**
 * Serves {@code GET /v1beta/models} (in pages of {@code pageSize}, default 50, with {@code nextPageToken}) and
 * {@code GET /v1beta/models/{id}}, and decides which model names exist.
 */
final class GeminiModelList {

    static final String PATH = "/v1beta/models";

    private record Listed(String id, String displayName, List<String> methods) {
    }

    private static final List<Listed> LISTED = List.of(
            new Listed("gemini-2.5-flash", "Gemini 2.5 Flash", List.of("generateContent", "countTokens",
                    "createCachedContent", "batchGenerateContent")),
            new Listed("gemini-2.5-pro", "Gemini 2.5 Pro", List.of("generateContent", "countTokens",
                    "createCachedContent", "batchGenerateContent")),
            new Listed("gemini-embedding-001", "Gemini Embedding 001", List.of("embedContent", "countTokens",
                    "countTextTokens", "asyncBatchEmbedContent")),
            new Listed("imagen-4.0-generate-001", "Imagen 4", List.of("predict")));
    private static final List<String> SERVABLE_PREFIXES = List.of("gemini-", "fake-", "fault-");

    /** Throws Gemini's 404 {@code NOT_FOUND} unless the model starts with {@code gemini-}, {@code fake-}, {@code fault-}. */
    static void requireServable(String model) {
        if (SERVABLE_PREFIXES.stream().noneMatch(model::startsWith)) {
            throw GeminiError.unknownModel(model);
        }
    }

    /** Writes one page; the page token is the index of the page's first model. */
    void list(HttpExchange exchange, RecordedRequest request) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        int size = Math.max(1, Math.min(1000, intParameter(query, "pageSize", 50)));
        int from = intParameter(query, "pageToken", 0);
        if (from < 0 || from > LISTED.size()) {
            throw GeminiError.invalid("Invalid page token.");
        }
        JsonArrayBuilder models = JsonSupport.JSON.createArrayBuilder();
        int to = Math.min(LISTED.size(), from + size);
        LISTED.subList(from, to).forEach(model -> models.add(json(model)));
        JsonObjectBuilder body = JsonSupport.JSON.createObjectBuilder().add("models", models);
        if (to < LISTED.size()) {
            body.add("nextPageToken", Integer.toString(to));
        }
        GeminiHttp.json(exchange, 200, body.build());
    }

    /** Writes one listed model, or 404. */
    void one(HttpExchange exchange, RecordedRequest request) throws IOException {
        String id = request.path().substring(PATH.length() + 1);
        Listed model = LISTED.stream().filter(listed -> listed.id().equals(id)).findFirst()
                .orElseThrow(() -> GeminiError.notFound("Model is not found: models/" + id + " for api version v1beta"));
        GeminiHttp.json(exchange, 200, json(model));
    }

    private static JsonObject json(Listed model) {
        JsonArrayBuilder methods = JsonSupport.JSON.createArrayBuilder();
        model.methods().forEach(methods::add);
        return JsonSupport.JSON.createObjectBuilder()
                .add("name", "models/" + model.id()).add("version", "001")
                .add("displayName", model.displayName()).add("inputTokenLimit", 1048576)
                .add("outputTokenLimit", 65536).add("supportedGenerationMethods", methods).build();
    }

    private static int intParameter(String query, String name, int fallback) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    try {
                        return Integer.parseInt(pair.substring(name.length() + 1));
                    } catch (NumberFormatException e) {
                        throw GeminiError.invalid("Invalid value at '" + name + "'.");
                    }
                }
            }
        }
        return fallback;
    }
}
