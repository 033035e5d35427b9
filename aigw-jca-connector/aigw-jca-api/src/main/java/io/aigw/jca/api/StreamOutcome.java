package io.aigw.jca.api;

/**
 * How a stream ended.
 *
 * @param usage        token usage (the provider's, or an estimate with {@link Usage#estimated()} set)
 * @param finishReason the finish reason of the first choice, {@code null} if the stream ended without one
 * @param chunks       number of chunks delivered
 */
public record StreamOutcome(Usage usage, FinishReason finishReason, int chunks) {
}
