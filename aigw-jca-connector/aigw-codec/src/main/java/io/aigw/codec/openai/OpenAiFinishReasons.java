package io.aigw.codec.openai;

import io.aigw.jca.api.FinishReason;

/** OpenAI {@code finish_reason} strings. */
final class OpenAiFinishReasons {

    private OpenAiFinishReasons() {
    }

    static FinishReason decode(String s) {
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "error" -> FinishReason.ERROR;
            default -> FinishReason.STOP;
        };
    }

    static String encode(FinishReason r) {
        if (r == null) {
            return null;
        }
        return switch (r) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            case ERROR -> "error";
        };
    }
}
