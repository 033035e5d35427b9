package io.aigw.policy.cache;

import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.routing.ModelEmbedder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Embeds a question for the semantic cache with {@code aigw.cache.semantic-model} (by default the in-process local
 * embedding model, so questions never leave the server).
 */
@ApplicationScoped
public class QuestionEmbedder {

    @Inject
    ModelEmbedder embedder;

    @Inject
    GatewaySettings settings;

    /** The question's vector; a {@link io.aigw.policy.GatewayException} when the model cannot embed now. */
    public float[] embed(String text) {
        return embedder.embed(settings.cacheSemanticModel(), List.of(text)).get(0);
    }
}
