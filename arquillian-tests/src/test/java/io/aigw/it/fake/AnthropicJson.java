package io.aigw.it.fake;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * Builds the JSON of a Messages API {@code message} object and of its stream events, field for field as
 * Anthropic sends them.
 *
 * @param id      {@code msg_<random hex>}, the same in every event of one stream
 * @param model   the requested model
 * @param request the request being answered (for usage)
 */
record AnthropicJson(String id, String model, AnthropicRequest request) {

    /** The fixed {@code cache_read_input_tokens} reported when a system block has {@code cache_control}. */
    static final int CACHE_READ_TOKENS = 3;

    /** The fixed {@code cache_creation_input_tokens} reported when that {@code cache_control} has {@code "ttl":"1h"}. */
    static final int CACHE_WRITE_TOKENS = 7;

    /** Identity for a new message answering {@code request}. */
    static AnthropicJson newMessage(AnthropicRequest request) {
        return new AnthropicJson("msg_" + HttpReplies.randomHex(12), request.model(), request);
    }

    /** The non-stream reply: the whole message with its content blocks, stop reason and usage. */
    JsonObject message(AnthropicReply reply) {
        JsonArrayBuilder content = JsonSupport.JSON.createArrayBuilder()
                .add(textBlock(reply.text()));
        for (AnthropicReply.ToolUse use : reply.toolUses()) {
            content.add(toolUseBlock(use, parse(use.input())));
        }
        return envelope(content, reply.stopReason(), reply.stopSequence(), reply.outputTokens()).build();
    }

    /** {@code message_start}: the message with empty content, null stop reason and {@code output_tokens} 1. */
    JsonObject messageStart() {
        JsonObjectBuilder message = envelope(JsonSupport.JSON.createArrayBuilder(), null, null, 1);
        return event("message_start").add("message", message).build();
    }

    /** {@code content_block_start} of an empty text block. */
    JsonObject textBlockStart(int index) {
        return event("content_block_start").add("index", index).add("content_block", textBlock("")).build();
    }

    /** {@code content_block_start} of a tool use block with an empty input. */
    JsonObject toolUseBlockStart(int index, AnthropicReply.ToolUse use) {
        return event("content_block_start").add("index", index)
                .add("content_block", toolUseBlock(use, JsonValue.EMPTY_JSON_OBJECT)).build();
    }

    /** {@code content_block_delta} carrying a {@code text_delta}. */
    JsonObject textDelta(int index, String text) {
        return delta(index, JsonSupport.JSON.createObjectBuilder().add("type", "text_delta").add("text", text));
    }

    /** {@code content_block_delta} carrying an {@code input_json_delta}. */
    JsonObject inputJsonDelta(int index, String partialJson) {
        return delta(index, JsonSupport.JSON.createObjectBuilder()
                .add("type", "input_json_delta").add("partial_json", partialJson));
    }

    /** {@code content_block_stop}. */
    JsonObject blockStop(int index) {
        return event("content_block_stop").add("index", index).build();
    }

    /** {@code message_delta} with the stop reason, stop sequence and final {@code output_tokens}. */
    JsonObject messageDelta(AnthropicReply reply) {
        JsonObjectBuilder delta = JsonSupport.JSON.createObjectBuilder().add("stop_reason", reply.stopReason());
        nullable(delta, "stop_sequence", reply.stopSequence());
        return event("message_delta").add("delta", delta)
                .add("usage", JsonSupport.JSON.createObjectBuilder().add("output_tokens", reply.outputTokens()))
                .build();
    }

    /** {@code message_stop}. */
    static JsonObject messageStop() {
        return event("message_stop").build();
    }

    /** {@code ping}. */
    static JsonObject ping() {
        return event("ping").build();
    }

    private JsonObjectBuilder envelope(JsonArrayBuilder content, String stopReason, String stopSequence,
            int outputTokens) {
        JsonObjectBuilder message = JsonSupport.JSON.createObjectBuilder()
                .add("id", id).add("type", "message").add("role", "assistant").add("model", model)
                .add("content", content);
        nullable(message, "stop_reason", stopReason);
        nullable(message, "stop_sequence", stopSequence);
        return message.add("usage", JsonSupport.JSON.createObjectBuilder()
                .add("input_tokens", request.inputTokens())
                .add("cache_creation_input_tokens", request.newCache() ? CACHE_WRITE_TOKENS : 0)
                .add("cache_read_input_tokens", request.cachedSystem() && !request.newCache() ? CACHE_READ_TOKENS : 0)
                .add("output_tokens", outputTokens));
    }

    private JsonObject delta(int index, JsonObjectBuilder delta) {
        return event("content_block_delta").add("index", index).add("delta", delta).build();
    }

    private static JsonObjectBuilder event(String type) {
        return JsonSupport.JSON.createObjectBuilder().add("type", type);
    }

    private static JsonObjectBuilder textBlock(String text) {
        return JsonSupport.JSON.createObjectBuilder().add("type", "text").add("text", text);
    }

    private static JsonObjectBuilder toolUseBlock(AnthropicReply.ToolUse use, JsonObject input) {
        return JsonSupport.JSON.createObjectBuilder()
                .add("type", "tool_use").add("id", use.id()).add("name", use.name()).add("input", input);
    }

    private static void nullable(JsonObjectBuilder builder, String name, String value) {
        if (value == null) {
            builder.addNull(name);
        } else {
            builder.add(name, value);
        }
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
