package io.aigw.codec;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ToolCall;
import jakarta.json.JsonObject;

/** Tool call arguments, a JSON text in the neutral form, as the JSON object the Anthropic and Bedrock formats want. */
public final class ToolArguments {

    private ToolArguments() {
    }

    /**
     * The arguments as an object ({@code {}} when blank).
     *
     * @throws InvalidMessageException when they are not a JSON object
     */
    public static JsonObject asObject(ToolCall call) {
        if (call.arguments().isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try {
            return JsonText.parseObject(call.arguments());
        } catch (InvalidMessageException e) {
            throw new InvalidMessageException("The arguments of tool call '" + call.name()
                    + "' are not a JSON object.", "messages", e);
        }
    }
}
