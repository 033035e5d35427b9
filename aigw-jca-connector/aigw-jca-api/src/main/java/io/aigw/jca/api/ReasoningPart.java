package io.aigw.jca.api;

/**
 * The model's reasoning as its provider returned it (Anthropic {@code thinking} and {@code redacted_thinking} blocks).
 * The signature and the redacted data are opaque and only mean something to the provider that made them: an assistant
 * message sent back to that provider must carry them unchanged, and other providers leave reasoning out.
 *
 * @param text         the reasoning text, or {@code null} for redacted reasoning
 * @param signature    the provider's signature over the text, or {@code null}
 * @param redactedData the provider's encrypted reasoning, or {@code null} when the text is given
 */
public record ReasoningPart(String text, String signature, String redactedData) implements ContentPart {

    /** Whether the provider can take this reasoning back (it is signed or redacted). */
    public boolean returnable() {
        return signature != null || redactedData != null;
    }
}
