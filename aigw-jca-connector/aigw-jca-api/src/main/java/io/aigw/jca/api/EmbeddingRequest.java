package io.aigw.jca.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Texts to embed.
 *
 * @param model      the model id as the provider knows it
 * @param inputs     the texts, in order
 * @param dimensions requested vector size for models that can shorten their vectors, or {@code null}
 * @param extensions request fields this record does not model (e.g. {@code user}), passed on to same-protocol providers
 */
public record EmbeddingRequest(String model, List<String> inputs, Integer dimensions, Map<String, Object> extensions) {

    public EmbeddingRequest {
        Objects.requireNonNull(model, "model");
        inputs = List.copyOf(inputs);
        extensions = extensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
    }

    /** The same request addressed to another model id (after routing). */
    public EmbeddingRequest withModel(String providerModel) {
        return new EmbeddingRequest(providerModel, inputs, dimensions, extensions);
    }
}
