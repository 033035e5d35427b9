package io.aigw.policy.cache;

import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.policy.GatewayException;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.routing.ModelResolver;
import io.aigw.policy.routing.ProviderCalls;
import io.aigw.policy.routing.ResolvedModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * Embeds a question for the semantic cache with {@code aigw.cache.semantic-model} (by default the in-process local
 * embedding model, so questions never leave the server), through the connection pool like any other call.
 */
@ApplicationScoped
public class QuestionEmbedder {

    @Inject
    ModelResolver resolver;

    @Inject
    ProviderCalls calls;

    @Inject
    GatewaySettings settings;

    /** The question's vector; a {@link GatewayException} when the model cannot embed now. */
    public float[] embed(String text) {
        ResolvedModel model = resolver.resolve(settings.cacheSemanticModel());
        try {
            EmbeddingResponse r = calls.with(model.connection(), c -> c.embed(new EmbeddingRequest(
                    model.providerModel(), List.of(text), null, Map.of())));
            return r.vectors().get(0);
        } catch (StreamAbortedException e) {
            throw new IllegalStateException("embedding does not stream", e);
        }
    }
}
