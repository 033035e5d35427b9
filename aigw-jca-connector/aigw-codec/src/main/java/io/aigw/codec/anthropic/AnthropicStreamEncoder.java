package io.aigw.codec.anthropic;

import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.ReasoningDelta;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns neutral chunks into Anthropic's event sequence for a client: {@code message_start}, then per content block
 * {@code content_block_start}, its {@code content_block_delta}s ({@code text_delta} or {@code input_json_delta}) and
 * {@code content_block_stop}, and at the {@link #end()} {@code message_delta} (stop reason and the usage, which
 * OpenAI-protocol upstreams report only at the end) and {@code message_stop}. One encoder per stream; only the first
 * choice is shown (Anthropic has no {@code n}).
 */
public final class AnthropicStreamEncoder {

    /**
     * One SSE event.
     *
     * @param name the {@code event:} field
     * @param data the {@code data:} JSON
     */
    public record Event(String name, JsonObject data) {
    }

    private final String model;
    private final Map<Integer, Integer> blockOfTool = new HashMap<>();
    private boolean started;
    private int openBlock = -1;
    private int thinkingBlock = -1;
    private int nextBlock;
    private Usage usage;
    private FinishReason finishReason;

    /** @param model the model name to show, as the client addressed it */
    public AnthropicStreamEncoder(String model) {
        this.model = model;
    }

    /** The events for one chunk. */
    public List<Event> chunk(ChatChunk chunk) {
        List<Event> out = new ArrayList<>();
        start(chunk.id(), out);
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        for (ChoiceDelta d : chunk.choices()) {
            if (d.index() != 0) {
                continue;
            }
            if (d.reasoning() != null) {
                reasoning(d.reasoning(), out);
            }
            if (d.content() != null && !d.content().isEmpty()) {
                if (openBlock < 0 || blockOfTool.containsValue(openBlock) || openBlock == thinkingBlock) {
                    open(Jsonp.createObjectBuilder().add("type", "text").add("text", "").build(), out);
                }
                out.add(blockDelta(Jsonp.createObjectBuilder().add("type", "text_delta").add("text", d.content())
                        .build()));
            }
            for (ToolCallDelta t : d.toolCalls()) {
                if (t.id() != null || t.name() != null) {
                    blockOfTool.put(t.index(), nextBlock);
                    open(Jsonp.createObjectBuilder().add("type", "tool_use")
                            .add("id", t.id() == null ? "toolu_" + t.index() : t.id())
                            .add("name", t.name() == null ? "" : t.name())
                            .add("input", JsonObject.EMPTY_JSON_OBJECT).build(), out);
                }
                Integer block = blockOfTool.get(t.index());
                if (t.argumentsFragment() != null && !t.argumentsFragment().isEmpty() && block != null
                        && block == openBlock) {
                    out.add(blockDelta(Jsonp.createObjectBuilder().add("type", "input_json_delta")
                            .add("partial_json", t.argumentsFragment()).build()));
                }
            }
            if (d.finishReason() != null) {
                finishReason = d.finishReason();
            }
        }
        return out;
    }

    /** The closing events: the open block's stop, {@code message_delta} and {@code message_stop}. */
    public List<Event> end() {
        List<Event> out = new ArrayList<>();
        start(null, out);
        close(out);
        String stop = AnthropicStopReasons.encode(finishReason);
        out.add(new Event("message_delta", Jsonp.createObjectBuilder().add("type", "message_delta")
                .add("delta", Jsonp.createObjectBuilder().add("stop_reason", stop == null ? "end_turn" : stop)
                        .addNull("stop_sequence"))
                .add("usage", AnthropicUsage.encode(usage == null ? Usage.NONE : usage)).build()));
        out.add(new Event("message_stop", Jsonp.createObjectBuilder().add("type", "message_stop").build()));
        return out;
    }

    /** An {@code error} event, which ends the stream. */
    public static Event error(String type, String message) {
        return new Event("error", AnthropicErrors.encode(type, message));
    }

    private void start(String id, List<Event> out) {
        if (started) {
            return;
        }
        started = true;
        out.add(new Event("message_start", Jsonp.createObjectBuilder().add("type", "message_start")
                .add("message", Jsonp.createObjectBuilder().add("id", AnthropicResponses.messageId(id))
                        .add("type", "message").add("role", "assistant").add("model", model)
                        .add("content", Jsonp.createArrayBuilder()).addNull("stop_reason").addNull("stop_sequence")
                        .add("usage", AnthropicUsage.encode(Usage.NONE)))
                .build()));
    }

    /**
     * Reasoning as Anthropic streams it: a {@code thinking} block with {@code thinking_delta}s and the
     * {@code signature_delta} that ends it, or a whole {@code redacted_thinking} block.
     */
    private void reasoning(ReasoningDelta r, List<Event> out) {
        if (r.redactedData() != null) {
            open(Jsonp.createObjectBuilder().add("type", "redacted_thinking").add("data", r.redactedData()).build(),
                    out);
            close(out);
            return;
        }
        if (openBlock < 0 || openBlock != thinkingBlock) {
            open(Jsonp.createObjectBuilder().add("type", "thinking").add("thinking", "").build(), out);
            thinkingBlock = openBlock;
        }
        if (r.text() != null && !r.text().isEmpty()) {
            out.add(blockDelta(Jsonp.createObjectBuilder().add("type", "thinking_delta").add("thinking", r.text())
                    .build()));
        }
        if (r.signature() != null) {
            out.add(blockDelta(Jsonp.createObjectBuilder().add("type", "signature_delta")
                    .add("signature", r.signature()).build()));
            thinkingBlock = -1; // signed: more reasoning would be a new block
        }
    }

    private void open(JsonObject block, List<Event> out) {
        close(out);
        openBlock = nextBlock++;
        out.add(new Event("content_block_start", Jsonp.createObjectBuilder().add("type", "content_block_start")
                .add("index", openBlock).add("content_block", block).build()));
    }

    private void close(List<Event> out) {
        if (openBlock >= 0) {
            out.add(new Event("content_block_stop", Jsonp.createObjectBuilder().add("type", "content_block_stop")
                    .add("index", openBlock).build()));
            openBlock = -1;
        }
    }

    private Event blockDelta(JsonObject delta) {
        return new Event("content_block_delta", Jsonp.createObjectBuilder().add("type", "content_block_delta")
                .add("index", openBlock).add("delta", delta).build());
    }
}
