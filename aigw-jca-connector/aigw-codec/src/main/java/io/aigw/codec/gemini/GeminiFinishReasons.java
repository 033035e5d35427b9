package io.aigw.codec.gemini;

import io.aigw.jca.api.FinishReason;

/**
 * Gemini {@code Candidate.FinishReason} values in neutral terms. {@code STOP} with function calls is
 * {@link FinishReason#TOOL_CALLS} (Gemini has no reason of its own for it); every block by a filter (safety,
 * recitation, blocklist, prohibited content, sensitive personal data, images, unsupported language) is
 * {@link FinishReason#CONTENT_FILTER}; malformed or unexpected tool calls and {@code OTHER} are
 * {@link FinishReason#ERROR}; unknown future values count as a stop.
 */
final class GeminiFinishReasons {

    private GeminiFinishReasons() {
    }

    /** The neutral reason, or {@code null} when the candidate has not finished. */
    static FinishReason decode(String reason, boolean calledFunctions) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "LANGUAGE", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                 "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> FinishReason.CONTENT_FILTER;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS", "OTHER", "IMAGE_OTHER",
                 "NO_IMAGE" -> FinishReason.ERROR;
            default -> calledFunctions ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        };
    }
}
