package io.aigw.codec.openai;

import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.FinishReason;
import jakarta.json.JsonObjectBuilder;

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

    /** A choice object of a response or chunk: its index, the given body field, {@code logprobs} and the finish reason. */
    static JsonObjectBuilder choice(int index, String bodyField, JsonObjectBuilder body, FinishReason reason) {
        JsonObjectBuilder choice = Jsonp.createObjectBuilder().add("index", index).add(bodyField, body)
                .addNull("logprobs");
        String finish = encode(reason);
        return finish == null ? choice.addNull("finish_reason") : choice.add("finish_reason", finish);
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
