package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Serves {@code POST /v1beta/models/{model}:embedContent} ({@code {"content":...}} answered with
 * {@code {"embedding":{"values":[...]}}}) and {@code :batchEmbedContents} ({@code {"requests":[...]}}, each an
 * {@code EmbedContentRequest} naming its {@code models/...} model, answered with {@code {"embeddings":[{"values":...}]}}
 * in request order), as Gemini does; neither answer has usage. Only models whose name contains {@code embedding} embed.
 * The vectors are deterministic ({@link #values}): {@code outputDimensionality} components, by default
 * {@value #DEFAULT_DIMENSIONS} as {@code gemini-embedding-001} has.
 */
final class GeminiEmbedHandler {

    /** The vector size when the request names no {@code outputDimensionality}. */
    static final int DEFAULT_DIMENSIONS = 3072;

    /** The most requests one {@code batchEmbedContents} call may hold. */
    static final int MAX_BATCH = 100;

    /**
     * Answers one request.
     *
     * @param model the model of the URL
     * @param batch {@code true} for {@code batchEmbedContents}, {@code false} for {@code embedContent}
     */
    void handle(HttpExchange exchange, RecordedRequest recorded, String model, boolean batch) throws IOException {
        String method = batch ? "batchEmbedContents" : "embedContent";
        if (!model.contains("embedding")) {
            throw GeminiError.unsupportedModel(model, method);
        }
        JsonObject body = recorded.json().orElseThrow(() -> GeminiError.invalid(
                "Invalid JSON payload received. Unexpected token."));
        if (!batch) {
            GeminiHttp.json(exchange, 200, JsonSupport.JSON.createObjectBuilder()
                    .add("embedding", embedding(body, "EmbedContentRequest")).build());
            return;
        }
        if (!(body.get("requests") instanceof JsonArray requests) || requests.isEmpty()) {
            throw GeminiError.invalid("* BatchEmbedContentsRequest.requests: requests is not specified");
        }
        if (requests.size() > MAX_BATCH) {
            throw GeminiError.invalid("* BatchEmbedContentsRequest.requests: at most " + MAX_BATCH
                    + " requests can be in one batch");
        }
        JsonArrayBuilder embeddings = JsonSupport.JSON.createArrayBuilder();
        for (int i = 0; i < requests.size(); i++) {
            String path = "BatchEmbedContentsRequest.requests[" + i + "]";
            JsonObject request = requests.get(i) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            String named = JsonSupport.string(request, "model");
            if (named == null) {
                throw GeminiError.invalid("* " + path + ".model: model is not specified");
            }
            if (!named.startsWith("models/")) {
                throw GeminiError.invalid("* " + path + ".model: unexpected model name format");
            }
            embeddings.add(embedding(request, path));
        }
        GeminiHttp.json(exchange, 200, JsonSupport.JSON.createObjectBuilder().add("embeddings", embeddings).build());
    }

    /**
     * The deterministic vector of a text: component {@code j} is {@code floorMod(text.hashCode() * 17 + 7 * j, 1000)}
     * thousandths.
     */
    static float[] values(String text, int dimensions) {
        float[] values = new float[dimensions];
        for (int j = 0; j < dimensions; j++) {
            values[j] = Math.floorMod(text.hashCode() * 17 + 7 * j, 1000) / 1000f;
        }
        return values;
    }

    /** The {@code ContentEmbedding} of one {@code EmbedContentRequest}. */
    private static JsonObject embedding(JsonObject request, String path) {
        if (!(request.get("content") instanceof JsonObject content)) {
            throw GeminiError.invalid("* " + path + ".content: content is not specified");
        }
        Integer dimensions = JsonSupport.integer(request, "outputDimensionality");
        if (dimensions != null && dimensions < 1) {
            throw GeminiError.invalid(GeminiToolPairing.GENERIC);
        }
        JsonArrayBuilder values = JsonSupport.JSON.createArrayBuilder();
        for (float value : values(GeminiRequest.text(content).strip(), dimensions == null ? DEFAULT_DIMENSIONS
                : dimensions)) {
            values.add(new BigDecimal(Float.toString(value)));
        }
        return JsonSupport.JSON.createObjectBuilder().add("values", values).build();
    }
}
