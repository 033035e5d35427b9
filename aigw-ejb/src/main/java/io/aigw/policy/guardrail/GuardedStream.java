package io.aigw.policy.guardrail;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.policy.AnswerGuard;
import io.aigw.policy.ChatStreamSink;
import io.aigw.policy.GatewayException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Output guardrails on a stream as it flows. Each text lane (a choice's content, each tool call's arguments) keeps
 * back only the tail that a match or a placeholder may still need; everything before it is judged and sent with the
 * chunk that completed it. A lane's held tail goes out when its choice finishes, or at {@link #flush()}. A blocking
 * match throws before any of the blocked text is sent: the stream then ends with an error event and no end marker.
 */
final class GuardedStream implements AnswerGuard.GuardedSink {

    private final ChatStreamSink sink;
    private final OutputGuard guard;
    private final Map<Long, HeldText> held = new HashMap<>();
    private ChatChunk last;
    private int holds;
    private long heldTotalNanos;
    private long heldMaxNanos;

    GuardedStream(ChatStreamSink sink, OutputGuard guard) {
        this.sink = sink;
        this.guard = guard;
    }

    @Override
    public void open() throws IOException {
        sink.open();
    }

    @Override
    public void chunk(ChatChunk chunk) throws IOException {
        last = chunk;
        List<ChoiceDelta> out = new ArrayList<>(chunk.choices().size());
        for (ChoiceDelta d : chunk.choices()) {
            boolean finishing = d.finishReason() != null;
            String content = d.content() == null && !finishing ? null
                    : pass(lane(d.index(), -1), d.content(), finishing);
            List<ToolCallDelta> tools = new ArrayList<>(d.toolCalls().size());
            for (ToolCallDelta t : d.toolCalls()) {
                String fragment = t.argumentsFragment() == null && !finishing ? null
                        : pass(lane(d.index(), t.index()), t.argumentsFragment(), finishing);
                tools.add(new ToolCallDelta(t.index(), t.id(), t.name(), fragment));
            }
            if (finishing) {
                tools.addAll(finishToolLanes(d.index(), d.toolCalls()));
            }
            if (content != null && content.isEmpty() && d.content() == null) {
                content = null;
            }
            if (d.role() == null && (content == null || content.isEmpty()) && d.refusal() == null
                    && tools.stream().allMatch(t -> t.id() == null && t.name() == null
                    && (t.argumentsFragment() == null || t.argumentsFragment().isEmpty()))
                    && d.finishReason() == null && d.reasoning() == null) {
                continue;
            }
            out.add(new ChoiceDelta(d.index(), d.role(), content, d.refusal(), tools, d.finishReason(),
                    d.reasoning()));
        }
        if (out.isEmpty() && chunk.usage() == null && !chunk.choices().isEmpty()) {
            return;
        }
        sink.chunk(new ChatChunk(chunk.id(), chunk.model(), chunk.created(), out, chunk.usage(),
                chunk.systemFingerprint()));
    }

    /** Sends whatever is still held back (lanes whose choice never finished). */
    @Override
    public void flush() throws IOException {
        if (last == null) {
            return;
        }
        Map<Integer, String> content = new java.util.TreeMap<>();
        Map<Integer, List<ToolCallDelta>> tools = new java.util.TreeMap<>();
        for (Map.Entry<Long, HeldText> e : new ArrayList<>(held.entrySet())) {
            if (e.getValue().length() == 0) {
                continue;
            }
            int choice = (int) (e.getKey() >> 32);
            int tool = (int) (e.getKey() & 0xffffffffL) - 1;
            String text = pass(e.getKey(), null, true);
            if (tool < 0) {
                content.put(choice, text);
            } else {
                tools.computeIfAbsent(choice, c -> new ArrayList<>()).add(new ToolCallDelta(tool, null, null, text));
            }
        }
        List<ChoiceDelta> out = new ArrayList<>();
        java.util.Set<Integer> choices = new java.util.TreeSet<>(content.keySet());
        choices.addAll(tools.keySet());
        for (int c : choices) {
            out.add(new ChoiceDelta(c, null, content.get(c), null, tools.getOrDefault(c, List.of()), null, null));
        }
        if (!out.isEmpty()) {
            sink.chunk(new ChatChunk(last.id(), last.model(), last.created(), out, null, last.systemFingerprint()));
        }
    }

    @Override
    public void error(GatewayException failure) throws IOException {
        held.clear();
        sink.error(failure);
    }

    @Override
    public void complete() throws IOException {
        sink.complete();
    }

    /**
     * How often held-back text was released and how long the oldest released character had waited (audit details;
     * the streaming benchmark reports them).
     */
    jakarta.json.JsonObject holdStats() {
        return jakarta.json.spi.JsonProvider.provider().createObjectBuilder().add("holds", holds)
                .add("held_ms_total", Math.round(heldTotalNanos / 1e4) / 100.0)
                .add("held_ms_max", Math.round(heldMaxNanos / 1e4) / 100.0).build();
    }

    private List<ToolCallDelta> finishToolLanes(int choice, List<ToolCallDelta> seen) {
        List<ToolCallDelta> out = new ArrayList<>();
        for (Map.Entry<Long, HeldText> e : new ArrayList<>(held.entrySet())) {
            int c = (int) (e.getKey() >> 32);
            int tool = (int) (e.getKey() & 0xffffffffL) - 1;
            if (c == choice && tool >= 0 && e.getValue().length() > 0
                    && seen.stream().noneMatch(t -> t.index() == tool)) {
                out.add(new ToolCallDelta(tool, null, null, pass(e.getKey(), null, true)));
            }
        }
        return out;
    }

    /** Adds {@code text} to a lane and returns what may be sent now. */
    private String pass(long lane, String text, boolean finishing) {
        HeldText buffer = held.get(lane);
        long now = System.nanoTime();
        if (buffer == null || buffer.length() == 0) {
            if (text == null || text.isEmpty()) {
                return text == null ? "" : text;
            }
            int hold = finishing ? text.length() : guard.holdFrom(text);
            if (hold == text.length()) {
                return guard.text(text);
            }
            if (buffer == null) {
                buffer = new HeldText();
                held.put(lane, buffer);
            }
            buffer.append(text, hold, text.length(), now);
            return guard.text(text.substring(0, hold));
        }
        if (text != null) {
            buffer.append(text, 0, text.length(), now);
        }
        int hold = finishing ? buffer.length() : guard.holdFrom(buffer.text());
        if (hold == 0) {
            return "";
        }
        long waited = buffer.oldestWait(now);
        holds++;
        heldTotalNanos += waited;
        heldMaxNanos = Math.max(heldMaxNanos, waited);
        return guard.text(buffer.take(hold));
    }

    private static long lane(int choice, int tool) {
        return ((long) choice << 32) | ((tool + 1) & 0xffffffffL);
    }
}
