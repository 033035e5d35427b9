package io.aigw.codec.openai;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/** {@code chat.completion.chunk} stream events (the JSON of one SSE {@code data:} line). */
public final class OpenAiChunks {

    private OpenAiChunks() {
    }

    /** Decodes one upstream chunk. A chunk that is an {@code error} object is rejected by the caller first. */
    public static ChatChunk decode(JsonObject chunk) {
        JsonArray choices = JsonFields.array(chunk, "choices", "choices");
        List<ChoiceDelta> deltas = new ArrayList<>();
        if (choices != null) {
            for (int i = 0; i < choices.size(); i++) {
                String p = "choices[" + i + "]";
                JsonObject choice = JsonFields.objectAt(choices, i, p);
                JsonObject delta = JsonFields.object(choice, "delta", p + ".delta");
                if (delta == null) {
                    delta = JsonObject.EMPTY_JSON_OBJECT;
                }
                Integer index = JsonFields.integer(choice, "index", p + ".index");
                String role = JsonFields.string(delta, "role", p + ".delta.role");
                deltas.add(new ChoiceDelta(index == null ? i : index, role == null ? null : Role.fromWire(role),
                        JsonFields.string(delta, "content", p + ".delta.content"),
                        JsonFields.string(delta, "refusal", p + ".delta.refusal"),
                        decodeToolCalls(JsonFields.array(delta, "tool_calls", p + ".delta.tool_calls"), p),
                        OpenAiFinishReasons.decode(JsonFields.string(choice, "finish_reason", p + ".finish_reason"))));
            }
        }
        Usage usage = OpenAiUsage.decode(JsonFields.object(chunk, "usage", "usage"));
        Integer created = JsonFields.integer(chunk, "created", "created");
        return new ChatChunk(JsonFields.string(chunk, "id", "id"), JsonFields.string(chunk, "model", "model"),
                created == null ? 0 : created, deltas, usage,
                JsonFields.string(chunk, "system_fingerprint", "system_fingerprint"));
    }

    private static List<ToolCallDelta> decodeToolCalls(JsonArray calls, String path) {
        if (calls == null) {
            return List.of();
        }
        List<ToolCallDelta> out = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            String p = path + ".delta.tool_calls[" + i + "]";
            JsonObject call = JsonFields.objectAt(calls, i, p);
            Integer index = JsonFields.integer(call, "index", p + ".index");
            if (index == null) {
                throw new InvalidMessageException("A streamed tool call has no index.", p + ".index");
            }
            JsonObject fn = JsonFields.object(call, "function", p + ".function");
            out.add(new ToolCallDelta(index, JsonFields.string(call, "id", p + ".id"),
                    fn == null ? null : JsonFields.string(fn, "name", p + ".function.name"),
                    fn == null ? null : JsonFields.string(fn, "arguments", p + ".function.arguments")));
        }
        return out;
    }

    /**
     * Encodes one chunk for an OpenAI client.
     *
     * @param model        the model name to show, as the client addressed it
     * @param withUsageKey whether the client asked for usage: then every chunk carries {@code usage} ({@code null}
     *                     but on the usage chunk), as OpenAI does
     */
    public static JsonObject encode(ChatChunk c, String model, boolean withUsageKey) {
        JsonArrayBuilder choices = Jsonp.createArrayBuilder();
        for (ChoiceDelta d : c.choices()) {
            JsonObjectBuilder delta = Jsonp.createObjectBuilder();
            if (d.role() != null) {
                delta.add("role", d.role().wireName());
            }
            if (d.content() != null) {
                delta.add("content", d.content());
            }
            if (d.refusal() != null) {
                delta.add("refusal", d.refusal());
            }
            if (!d.toolCalls().isEmpty()) {
                delta.add("tool_calls", encodeToolCalls(d.toolCalls()));
            }
            choices.add(OpenAiFinishReasons.choice(d.index(), "delta", delta, d.finishReason()));
        }
        JsonObjectBuilder b = Jsonp.createObjectBuilder()
                .add("id", c.id() == null ? "chatcmpl-aigw" : c.id())
                .add("object", "chat.completion.chunk")
                .add("created", c.created())
                .add("model", model);
        if (c.systemFingerprint() != null) {
            b.add("system_fingerprint", c.systemFingerprint());
        }
        b.add("choices", choices);
        if (c.usage() != null) {
            b.add("usage", OpenAiUsage.encodeChat(c.usage()));
        } else if (withUsageKey) {
            b.addNull("usage");
        }
        return b.build();
    }

    private static JsonArray encodeToolCalls(List<ToolCallDelta> calls) {
        JsonArrayBuilder a = Jsonp.createArrayBuilder();
        for (ToolCallDelta t : calls) {
            JsonObjectBuilder call = Jsonp.createObjectBuilder().add("index", t.index());
            if (t.id() != null) {
                call.add("id", t.id()).add("type", "function");
            }
            JsonObjectBuilder fn = Jsonp.createObjectBuilder();
            if (t.name() != null) {
                fn.add("name", t.name());
            }
            if (t.argumentsFragment() != null) {
                fn.add("arguments", t.argumentsFragment());
            }
            a.add(call.add("function", fn));
        }
        return a.build();
    }
}
