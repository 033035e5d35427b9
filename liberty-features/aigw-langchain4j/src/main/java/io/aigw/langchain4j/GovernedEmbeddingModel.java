package io.aigw.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.aigw.cdi.AiClient;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link EmbeddingModel} that computes vectors through the aigw gateway with
 * {@link AiClient#embed(List)}: one gateway call per {@link #embedAll(List)}, vectors in segment order, input tokens
 * as token usage. The dimension is remembered from the first answer, so {@link #dimension()} costs a gateway call only
 * before any embedding. Refusals and provider failures are thrown as {@link GatewayCallException}. Thread-safe.
 */
public class GovernedEmbeddingModel implements EmbeddingModel {

    private final AiClient client;
    private volatile int dimension;

    /** A model for the client's gateway model. */
    public GovernedEmbeddingModel(AiClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
        if (textSegments == null || textSegments.isEmpty()) {
            return Response.from(List.of());
        }
        List<String> texts = new ArrayList<>(textSegments.size());
        for (TextSegment segment : textSegments) {
            texts.add(segment.text());
        }
        EmbeddingResponse response;
        try {
            response = client.embed(texts);
        } catch (ProviderException e) {
            throw new GatewayCallException(e);
        }
        if (response.vectors().size() != texts.size()) {
            throw new IllegalStateException("The gateway returned " + response.vectors().size()
                    + " vectors for " + texts.size() + " segments");
        }
        List<Embedding> embeddings = new ArrayList<>(texts.size());
        for (float[] vector : response.vectors()) {
            embeddings.add(Embedding.from(vector));
        }
        dimension = embeddings.get(0).dimension();
        TokenUsage usage = response.usage() == null ? null : new TokenUsage(response.usage().inputTokens());
        return Response.from(embeddings, usage);
    }

    @Override
    public int dimension() {
        int known = dimension;
        return known > 0 ? known : EmbeddingModel.super.dimension();
    }

    /** The gateway model id this model calls. */
    @Override
    public String modelName() {
        return client.model();
    }
}
