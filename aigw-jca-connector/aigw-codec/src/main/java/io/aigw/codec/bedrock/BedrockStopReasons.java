package io.aigw.codec.bedrock;

import io.aigw.jca.api.FinishReason;

/** Converse {@code stopReason} values in neutral terms. */
final class BedrockStopReasons {

    private BedrockStopReasons() {
    }

    /** The finish reason for a stop reason; unknown values count as a natural stop, {@code null} stays {@code null}. */
    static FinishReason decode(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }
}
