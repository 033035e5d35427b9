package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code POST /v1/embeddings} with deterministic vectors: {@code dimensions} components (default 8),
 * component {@code j} of text {@code t} being {@code floorMod(t.hashCode() * 31 + j, 1000) / 1000f}
 * (see {@link #component(String, int)}); usage counts whitespace-separated words of all inputs.
 */
final class EmbeddingsHandler {

    static final String PATH = "/v1/embeddings";
    static final int DEFAULT_DIMENSIONS = 8;

    /** Writes the embeddings list for the request. */
    void handle(HttpExchange exchange, RecordedRequest recorded) throws IOException {
        JsonObject body = recorded.json().orElseThrow(OpenAiError::unparseableJson);
        String model = JsonSupport.string(body, "model");
        if (model == null) {
            throw OpenAiError.missingModel();
        }
        List<String> inputs = inputs(body.get("input"));
        if (!model.startsWith("text-embedding-")) {
            throw OpenAiError.modelNotFound(model);
        }
        Integer requested = JsonSupport.integer(body, "dimensions");
        if (requested != null && requested < 1) {
            throw OpenAiError.belowMinimum("dimensions", requested);
        }
        int dimensions = requested == null ? DEFAULT_DIMENSIONS : requested;
        boolean base64 = "base64".equals(JsonSupport.string(body, "encoding_format"));

        JsonArrayBuilder data = JsonSupport.JSON.createArrayBuilder();
        int promptTokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String text = inputs.get(i);
            promptTokens += JsonSupport.words(text);
            data.add(JsonSupport.JSON.createObjectBuilder()
                    .add("object", "embedding")
                    .add("index", i)
                    .add("embedding", base64 ? base64Vector(text, dimensions) : floatVector(text, dimensions)));
        }
        JsonObject reply = JsonSupport.JSON.createObjectBuilder()
                .add("object", "list")
                .add("data", data)
                .add("model", model)
                .add("usage", JsonSupport.JSON.createObjectBuilder()
                        .add("prompt_tokens", promptTokens).add("total_tokens", promptTokens))
                .build();
        HttpReplies.json(exchange, 200, reply, Map.of());
    }

    /** The deterministic value of component {@code j} of the embedding of {@code text}. */
    static float component(String text, int j) {
        return Math.floorMod(text.hashCode() * 31 + j, 1000) / 1000f;
    }

    private static List<String> inputs(JsonValue input) {
        if (input instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (input == null || input.getValueType() != JsonValue.ValueType.ARRAY || input.asJsonArray().isEmpty()) {
            throw OpenAiError.missingParameter("input");
        }
        List<String> texts = new ArrayList<>();
        for (JsonValue item : input.asJsonArray()) {
            // Token arrays are accepted like OpenAI does; their text form feeds the vector.
            texts.add(item instanceof JsonString s ? s.getString() : item.toString());
        }
        return texts;
    }

    private static JsonValue floatVector(String text, int dimensions) {
        JsonArrayBuilder vector = JsonSupport.JSON.createArrayBuilder();
        for (int j = 0; j < dimensions; j++) {
            vector.add(new BigDecimal(Float.toString(component(text, j))));
        }
        return vector.build();
    }

    private static JsonValue base64Vector(String text, int dimensions) {
        ByteBuffer bytes = ByteBuffer.allocate(dimensions * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < dimensions; j++) {
            bytes.putFloat(component(text, j));
        }
        return Json.createValue(Base64.getEncoder().encodeToString(bytes.array()));
    }
}
