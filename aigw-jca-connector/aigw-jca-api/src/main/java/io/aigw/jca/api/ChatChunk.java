package io.aigw.jca.api;

import java.util.List;

/**
 * One streamed piece of a chat completion.
 *
 * @param id                the completion id (the same on every chunk of a stream)
 * @param model             the model that answers
 * @param created           creation time, epoch seconds
 * @param choices           per-choice deltas; empty on a usage-only chunk
 * @param usage             the stream's usage, on its final usage chunk only; {@code null} otherwise
 * @param systemFingerprint the provider's backend fingerprint, or {@code null}
 */
public record ChatChunk(String id, String model, long created, List<ChoiceDelta> choices, Usage usage,
                        String systemFingerprint) {

    public ChatChunk {
        choices = List.copyOf(choices);
    }
}
