package io.aigw.jca.api;

/**
 * One choice of a complete chat response.
 *
 * @param index        position among the choices
 * @param message      the assistant message
 * @param finishReason why generation stopped, or {@code null} if the provider did not say
 */
public record ChatChoice(int index, ChatMessage message, FinishReason finishReason) {
}
