package io.aigw.codec.anthropic;

import io.aigw.jca.api.FinishReason;

/** Anthropic {@code stop_reason} values. */
final class AnthropicStopReasons {

    private AnthropicStopReasons() {
    }

    static FinishReason decode(String s) {
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }

    static String encode(FinishReason r) {
        if (r == null) {
            return null;
        }
        return switch (r) {
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
            case STOP, ERROR -> "end_turn";
        };
    }
}
