package io.aigw.policy.routing;

import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.StreamAbortedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * Embeds texts with a model for the gateway's own use (the semantic cache, the prompt-injection check), through the
 * connection pool like any other call; with the in-process local model, texts never leave the server.
 */
@ApplicationScoped
public class ModelEmbedder {

    @Inject
    ModelResolver resolver;

    @Inject
    ProviderCalls calls;

    /** One vector per text, in order; a {@link io.aigw.policy.GatewayException} when the model cannot embed now. */
    public List<float[]> embed(String model, List<String> texts) {
        ResolvedModel resolved = resolver.resolve(model);
        try {
            EmbeddingResponse r = calls.with(resolved.connection(), c -> c.embed(new EmbeddingRequest(
                    resolved.providerModel(), texts, null, Map.of())));
            return r.vectors();
        } catch (StreamAbortedException e) {
            throw new IllegalStateException("embedding does not stream", e);
        }
    }
}
