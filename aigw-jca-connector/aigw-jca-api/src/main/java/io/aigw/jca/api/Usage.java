package io.aigw.jca.api;

/**
 * Token usage of one request.
 *
 * @param inputTokens       prompt tokens, cached ones included
 * @param outputTokens      generated tokens, reasoning ones included
 * @param cachedInputTokens prompt tokens served from the provider's cache
 * @param cacheWriteTokens  prompt tokens written to the provider's cache
 * @param reasoningTokens   generated tokens spent on reasoning
 * @param estimated         {@code true} when the provider reported none and the gateway estimated it
 */
public record Usage(int inputTokens, int outputTokens, int cachedInputTokens, int cacheWriteTokens, int reasoningTokens,
                    boolean estimated) {

    /** No tokens. */
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, false);

    /** Usage reported by a provider that only counts input and output. */
    public static Usage of(int inputTokens, int outputTokens) {
        return new Usage(inputTokens, outputTokens, 0, 0, 0, false);
    }

    /** Input plus output tokens. */
    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
