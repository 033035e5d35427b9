package io.aigw.codec.bedrock;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.ReasoningDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the events of a ConverseStream response into neutral chunks, event by event: {@code messageStart} gives the
 * role, {@code contentBlockDelta} text gives content, a {@code toolUse} {@code contentBlockStart} opens a tool call
 * (numbered in order of appearance, so parallel calls get distinct indexes) whose {@code input} deltas are its
 * argument fragments, {@code messageStop} the finish reason and {@code metadata} (the last event) the usage chunk.
 * Reasoning deltas are left out. One decoder per stream; exception events are the caller's.
 */
public final class BedrockStreamDecoder {

    private final String id;
    private final String model;
    private final long created = System.currentTimeMillis() / 1000;
    private final Map<Integer, Integer> toolOfBlock = new HashMap<>();
    private Usage usage;
    private FinishReason finishReason;
    private boolean stopped;
    private boolean finished;

    /**
     * @param id    the id every chunk carries
     * @param model the model every chunk names
     */
    public BedrockStreamDecoder(String id, String model) {
        this.id = id;
        this.model = model;
    }

    /** The chunks one event carries (possibly none); unknown event types carry none. */
    public List<ChatChunk> decode(String eventType, JsonObject payload) {
        switch (eventType) {
            case "messageStart" -> {
                return List.of(chunk(new ChoiceDelta(0, Role.ASSISTANT, "", null, List.of(), null), null));
            }
            case "contentBlockStart" -> {
                return blockStart(payload);
            }
            case "contentBlockDelta" -> {
                return blockDelta(payload);
            }
            case "messageStop" -> {
                stopped = true;
                finishReason = BedrockStopReasons.decode(JsonFields.requiredString(payload, "stopReason",
                        "stopReason"));
                return List.of(chunk(new ChoiceDelta(0, null, null, null, List.of(), finishReason), null));
            }
            case "metadata" -> {
                finished = true;
                usage = BedrockUsage.decode(JsonFields.object(payload, "usage", "usage"));
                return List.of(chunk(null, usage == null ? Usage.NONE : usage));
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<ChatChunk> blockStart(JsonObject payload) {
        JsonObject start = JsonFields.object(payload, "start", "start");
        JsonObject toolUse = start == null ? null : JsonFields.object(start, "toolUse", "start.toolUse");
        if (toolUse == null) {
            return List.of();
        }
        int tool = toolOfBlock.size();
        toolOfBlock.put(blockIndex(payload), tool);
        return List.of(chunk(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(tool,
                JsonFields.requiredString(toolUse, "toolUseId", "start.toolUse.toolUseId"),
                JsonFields.requiredString(toolUse, "name", "start.toolUse.name"), "")), null), null));
    }

    private List<ChatChunk> blockDelta(JsonObject payload) {
        JsonObject delta = JsonFields.object(payload, "delta", "delta");
        if (delta == null) {
            throw JsonFields.missing("delta");
        }
        String text = JsonFields.string(delta, "text", "delta.text");
        if (text != null) {
            return List.of(chunk(new ChoiceDelta(0, null, text, null, List.of(), null), null));
        }
        JsonObject reasoning = JsonFields.object(delta, "reasoningContent", "delta.reasoningContent");
        if (reasoning != null) {
            return List.of(chunk(new ChoiceDelta(0, null, null, null, List.of(), null, new ReasoningDelta(
                    JsonFields.string(reasoning, "text", "delta.reasoningContent.text"),
                    JsonFields.string(reasoning, "signature", "delta.reasoningContent.signature"),
                    JsonFields.string(reasoning, "redactedContent", "delta.reasoningContent.redactedContent"))),
                    null));
        }
        JsonObject toolUse = JsonFields.object(delta, "toolUse", "delta.toolUse");
        if (toolUse != null) {
            Integer tool = toolOfBlock.get(blockIndex(payload));
            if (tool == null) {
                throw new InvalidMessageException("toolUse delta for a block that is not a tool call",
                        "contentBlockIndex");
            }
            return List.of(chunk(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(tool, null, null,
                    JsonFields.requiredString(toolUse, "input", "delta.toolUse.input"))), null), null));
        }
        return List.of();
    }

    private static int blockIndex(JsonObject payload) {
        Integer index = JsonFields.integer(payload, "contentBlockIndex", "contentBlockIndex");
        if (index == null) {
            throw JsonFields.missing("contentBlockIndex");
        }
        return index;
    }

    private ChatChunk chunk(ChoiceDelta delta, Usage finalUsage) {
        return new ChatChunk(id, model, created, delta == null ? List.of() : List.of(delta), finalUsage, null);
    }

    /** Whether {@code messageStop} arrived. */
    public boolean stopped() {
        return stopped;
    }

    /** Whether {@code metadata}, the stream's last event, arrived. */
    public boolean finished() {
        return finished;
    }

    /** The usage from {@code metadata}, or {@code null} before it. */
    public Usage usage() {
        return usage;
    }

    /** The finish reason from {@code messageStop}, or {@code null} before it. */
    public FinishReason finishReason() {
        return finishReason;
    }
}
