package io.aigw.codec.gemini;

import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the chunks of {@code streamGenerateContent?alt=sse} (each a whole {@code GenerateContentResponse}) into
 * neutral chunks: per candidate the role on its first delta, text deltas, each function call whole as one
 * {@link ToolCallDelta} (Gemini does not split them) numbered per candidate, and the finish reason. Once every
 * candidate seen has finished, a final usage chunk follows with the last {@code usageMetadata}. A blocked prompt is
 * one empty choice finished by the content filter. Gemini has no end marker: the stream is complete when the body ends
 * after {@link #complete()}. One decoder per stream.
 */
public final class GeminiStreamDecoder {

    private final long created = System.currentTimeMillis() / 1000;
    private final GeminiToolCallIds ids = new GeminiToolCallIds();
    private final Map<Integer, CandidateState> candidates = new HashMap<>();
    private String id;
    private String model;
    private Usage usage;
    private boolean usageSent;

    private static final class CandidateState {
        int toolCalls;
        FinishReason finishReason;
    }

    /** The chunks one stream chunk gives (possibly none). */
    public List<ChatChunk> decode(JsonObject chunk) {
        if (id == null) {
            id = JsonFields.string(chunk, "responseId", "responseId");
        }
        String version = JsonFields.string(chunk, "modelVersion", "modelVersion");
        model = version == null ? model : version;
        Usage reported = GeminiUsage.decode(JsonFields.object(chunk, "usageMetadata", "usageMetadata"));
        usage = reported == null ? usage : reported;
        List<ChoiceDelta> deltas = new ArrayList<>();
        List<GeminiCandidate> decoded = GeminiCandidate.decodeAll(chunk, ids);
        if (decoded.isEmpty() && candidates.isEmpty() && GeminiCandidate.blockReason(chunk) != null) {
            CandidateState blocked = new CandidateState();
            blocked.finishReason = FinishReason.CONTENT_FILTER;
            candidates.put(0, blocked);
            deltas.add(new ChoiceDelta(0, Role.ASSISTANT, "", null, List.of(), FinishReason.CONTENT_FILTER));
        }
        for (GeminiCandidate c : decoded) {
            ChoiceDelta delta = delta(c);
            if (delta != null) {
                deltas.add(delta);
            }
        }
        List<ChatChunk> out = new ArrayList<>(2);
        if (!deltas.isEmpty()) {
            out.add(new ChatChunk(id, model, created, deltas, null, null));
        }
        if (complete() && !usageSent) {
            usageSent = true;
            out.add(new ChatChunk(id, model, created, List.of(), usage == null ? Usage.NONE : usage, null));
        }
        return out;
    }

    private ChoiceDelta delta(GeminiCandidate c) {
        CandidateState state = candidates.get(c.index());
        Role role = null;
        if (state == null) {
            state = new CandidateState();
            candidates.put(c.index(), state);
            role = Role.ASSISTANT;
        }
        List<ToolCallDelta> calls = new ArrayList<>(c.calls().size());
        for (ToolCall call : c.calls()) {
            calls.add(new ToolCallDelta(state.toolCalls++, call.id(), call.name(), call.arguments()));
        }
        FinishReason finish = GeminiFinishReasons.decode(c.finishReason(), state.toolCalls > 0);
        if (finish != null && state.finishReason == null) {
            state.finishReason = finish;
        } else {
            finish = null;
        }
        String text = c.text() == null && role != null ? "" : c.text();
        if (role == null && (text == null || text.isEmpty()) && calls.isEmpty() && finish == null) {
            return null;
        }
        return new ChoiceDelta(c.index(), role, text, null, calls, finish);
    }

    /** Whether at least one candidate was seen and every candidate seen has finished. */
    public boolean complete() {
        return !candidates.isEmpty() && candidates.values().stream().allMatch(s -> s.finishReason != null);
    }

    /** The last usage Gemini reported, or {@code null}. */
    public Usage usage() {
        return usage;
    }

    /** The finish reason of the first choice, or {@code null}. */
    public FinishReason finishReason() {
        CandidateState first = candidates.get(0);
        return first == null ? null : first.finishReason;
    }
}
