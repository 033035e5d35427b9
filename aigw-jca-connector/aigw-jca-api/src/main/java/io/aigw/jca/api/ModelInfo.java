package io.aigw.jca.api;

import java.util.Set;

/**
 * A model a connection can serve.
 *
 * @param id           the model id as the provider knows it
 * @param ownedBy      the owner the provider reports, or the connection name
 * @param created      creation time, epoch seconds, or 0 if unknown
 * @param capabilities what it can do
 */
public record ModelInfo(String id, String ownedBy, long created, Set<Capability> capabilities) {

    /** What a model can be used for. */
    public enum Capability { CHAT, EMBEDDINGS }

    public ModelInfo {
        capabilities = Set.copyOf(capabilities);
    }
}
