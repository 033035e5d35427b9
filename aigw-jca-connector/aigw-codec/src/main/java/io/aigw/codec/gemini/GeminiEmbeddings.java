package io.aigw.codec.gemini;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code models/{model}:batchEmbedContents}: one {@code EmbedContentRequest} per input (the client's
 * {@code dimensions} as {@code outputDimensionality}); the answer's {@code embeddings[].values} in input order. Gemini
 * may report {@code usageMetadata.promptTokenCount}; without it the input tokens are estimated (about four characters
 * a token) and marked as estimated.
 */
public final class GeminiEmbeddings {

    private GeminiEmbeddings() {
    }

    public static JsonObject encode(EmbeddingRequest r) {
        String model = r.model().contains("/") ? r.model() : "models/" + r.model();
        JsonArrayBuilder requests = Jsonp.createArrayBuilder();
        for (String input : r.inputs()) {
            JsonObjectBuilder one = Jsonp.createObjectBuilder().add("model", model).add("content",
                    Jsonp.createObjectBuilder().add("parts", Jsonp.createArrayBuilder()
                            .add(Jsonp.createObjectBuilder().add("text", input))));
            if (r.dimensions() != null) {
                one.add("outputDimensionality", r.dimensions());
            }
            requests.add(one);
        }
        return Jsonp.createObjectBuilder().add("requests", requests).build();
    }

    /** @throws InvalidMessageException when the answer is not a batch of embeddings, one per input */
    public static EmbeddingResponse decode(JsonObject body, EmbeddingRequest r) {
        JsonArray embeddings = JsonFields.array(body, "embeddings", "embeddings");
        if (embeddings == null || embeddings.size() != r.inputs().size()) {
            throw new InvalidMessageException("embeddings: expected one per input (" + r.inputs().size() + ")",
                    "embeddings");
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (int i = 0; i < embeddings.size(); i++) {
            JsonArray values = JsonFields.array(JsonFields.objectAt(embeddings, i, "embeddings[" + i + "]"), "values",
                    "embeddings[" + i + "].values");
            if (values == null) {
                throw JsonFields.missing("embeddings[" + i + "].values");
            }
            float[] vector = new float[values.size()];
            for (int j = 0; j < vector.length; j++) {
                vector[j] = (float) ((JsonNumber) values.get(j)).doubleValue();
            }
            vectors.add(vector);
        }
        JsonObject usage = JsonFields.object(body, "usageMetadata", "usageMetadata");
        Integer counted = usage == null ? null : JsonFields.integer(usage, "promptTokenCount",
                "usageMetadata.promptTokenCount");
        Usage tokens = counted != null ? Usage.of(counted, 0)
                : new Usage(estimate(r.inputs()), 0, 0, 0, 0, true);
        return new EmbeddingResponse(r.model(), vectors, tokens);
    }

    private static int estimate(List<String> inputs) {
        int chars = inputs.stream().mapToInt(String::length).sum();
        return Math.max(inputs.size(), (chars + 3) / 4);
    }
}
