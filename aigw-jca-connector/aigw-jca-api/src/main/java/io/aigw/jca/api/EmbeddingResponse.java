package io.aigw.jca.api;

import java.util.List;

/**
 * Vectors for an {@link EmbeddingRequest}, one per input, in input order.
 *
 * @param model   the model that computed them
 * @param vectors the vectors
 * @param usage   token usage (input tokens only)
 */
public record EmbeddingResponse(String model, List<float[]> vectors, Usage usage) {
    public EmbeddingResponse {
        vectors = List.copyOf(vectors);
    }
}
