package io.aigw.jca.provider;

import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ProviderException;
import java.util.List;

/**
 * The in-process models of the resource adapter, loaded once and shared by every connection factory of protocol
 * {@code local}.
 */
public interface LocalModels {

    /** Ids of the embedding models that can be served. */
    List<String> embeddingModels();

    /** Vectors for the inputs with the named model. */
    EmbeddingResponse embed(String model, List<String> inputs) throws ProviderException;
}
