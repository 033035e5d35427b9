package io.aigw.jca.api;

/**
 * What one streamed chunk adds to a choice's reasoning: a text fragment, the block's signature (which ends it), or a
 * whole redacted block.
 *
 * @param text         the next reasoning text fragment, or {@code null}
 * @param signature    the signature of the reasoning streamed so far in this block, or {@code null}
 * @param redactedData a redacted reasoning block, or {@code null}
 */
public record ReasoningDelta(String text, String signature, String redactedData) {
}
