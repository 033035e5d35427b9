package io.aigw.codec.anthropic;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.ReasoningDelta;
import io.aigw.jca.api.Usage;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an Anthropic event stream into neutral chunks, event by event: {@code message_start} gives the role,
 * text deltas give content, {@code thinking} and {@code redacted_thinking} blocks reasoning (with the signature that
 * ends a thinking block), {@code tool_use} blocks become tool calls numbered in order with their
 * {@code input_json_delta} fragments, {@code message_delta} the finish reason, {@code message_stop} the final usage
 * chunk. One decoder per stream; the caller handles {@code error} events itself.
 */
public final class AnthropicStreamDecoder {

    private final long created = System.currentTimeMillis() / 1000;
    private final Map<Integer, Integer> toolOfBlock = new HashMap<>();
    private final Map<String, JsonValue> usageFields = new LinkedHashMap<>();
    private String id;
    private String model;
    private Usage usage;
    private FinishReason finishReason;
    private boolean stopped;

    /** The chunks one event carries (often none). */
    public List<ChatChunk> decode(JsonObject event) {
        String type = JsonFields.requiredString(event, "type", "type");
        switch (type) {
            case "message_start" -> {
                JsonObject message = JsonFields.object(event, "message", "message");
                if (message == null) {
                    throw JsonFields.missing("message");
                }
                id = JsonFields.string(message, "id", "message.id");
                model = JsonFields.string(message, "model", "message.model");
                addUsage(JsonFields.object(message, "usage", "message.usage"));
                return List.of(chunk(new ChoiceDelta(0, Role.ASSISTANT, "", null, List.of(), null), null));
            }
            case "content_block_start" -> {
                JsonObject block = JsonFields.object(event, "content_block", "content_block");
                int index = index(event);
                if (block != null && "tool_use".equals(JsonFields.string(block, "type", "content_block.type"))) {
                    int tool = toolOfBlock.size();
                    toolOfBlock.put(index, tool);
                    return List.of(chunk(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(tool,
                            JsonFields.string(block, "id", "content_block.id"),
                            JsonFields.requiredString(block, "name", "content_block.name"), "")), null), null));
                }
                String blockType = block == null ? null : JsonFields.string(block, "type", "content_block.type");
                if ("redacted_thinking".equals(blockType)) {
                    return List.of(reasoningChunk(new ReasoningDelta(null, null,
                            JsonFields.requiredString(block, "data", "content_block.data"))));
                }
                if ("thinking".equals(blockType)) {
                    String thinking = JsonFields.string(block, "thinking", "content_block.thinking");
                    return thinking == null || thinking.isEmpty() ? List.of()
                            : List.of(reasoningChunk(new ReasoningDelta(thinking, null, null)));
                }
                String text = block == null ? null : JsonFields.string(block, "text", "content_block.text");
                return text == null || text.isEmpty() ? List.of()
                        : List.of(chunk(new ChoiceDelta(0, null, text, null, List.of(), null), null));
            }
            case "content_block_delta" -> {
                return delta(event);
            }
            case "message_delta" -> {
                JsonObject delta = JsonFields.object(event, "delta", "delta");
                addUsage(JsonFields.object(event, "usage", "usage"));
                String stop = delta == null ? null : JsonFields.string(delta, "stop_reason", "delta.stop_reason");
                if (stop == null) {
                    return List.of();
                }
                finishReason = AnthropicStopReasons.decode(stop);
                return List.of(chunk(new ChoiceDelta(0, null, null, null, List.of(), finishReason), null));
            }
            case "message_stop" -> {
                stopped = true;
                return List.of(chunk(null, usage == null ? Usage.NONE : usage));
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<ChatChunk> delta(JsonObject event) {
        JsonObject delta = JsonFields.object(event, "delta", "delta");
        if (delta == null) {
            throw JsonFields.missing("delta");
        }
        String type = JsonFields.requiredString(delta, "type", "delta.type");
        if ("text_delta".equals(type)) {
            return List.of(chunk(new ChoiceDelta(0, null, JsonFields.requiredString(delta, "text", "delta.text"), null,
                    List.of(), null), null));
        }
        if ("thinking_delta".equals(type)) {
            return List.of(reasoningChunk(new ReasoningDelta(JsonFields.requiredString(delta, "thinking",
                    "delta.thinking"), null, null)));
        }
        if ("signature_delta".equals(type)) {
            return List.of(reasoningChunk(new ReasoningDelta(null, JsonFields.requiredString(delta, "signature",
                    "delta.signature"), null)));
        }
        if ("input_json_delta".equals(type)) {
            Integer tool = toolOfBlock.get(index(event));
            if (tool == null) {
                throw new InvalidMessageException("input_json_delta for a block that is not a tool call", "index");
            }
            return List.of(chunk(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(tool, null, null,
                    JsonFields.requiredString(delta, "partial_json", "delta.partial_json"))), null), null));
        }
        return List.of();
    }

    private static int index(JsonObject event) {
        Integer index = JsonFields.integer(event, "index", "index");
        if (index == null) {
            throw JsonFields.missing("index");
        }
        return index;
    }

    /** Fields a later event reports replace earlier ones; fields it leaves out keep their value. */
    private void addUsage(JsonObject fields) {
        if (fields != null) {
            usageFields.putAll(fields);
            JsonObjectBuilder merged = Jsonp.createObjectBuilder();
            usageFields.forEach(merged::add);
            usage = AnthropicUsage.decode(merged.build());
        }
    }

    private ChatChunk reasoningChunk(ReasoningDelta reasoning) {
        return chunk(new ChoiceDelta(0, null, null, null, List.of(), null, reasoning), null);
    }

    private ChatChunk chunk(ChoiceDelta delta, Usage finalUsage) {
        return new ChatChunk(id, model, created, delta == null ? List.of() : List.of(delta), finalUsage, null);
    }

    /** Whether {@code message_stop} arrived. */
    public boolean stopped() {
        return stopped;
    }

    /** The usage so far (complete after {@code message_stop}), or {@code null}. */
    public Usage usage() {
        return usage;
    }

    public FinishReason finishReason() {
        return finishReason;
    }
}
