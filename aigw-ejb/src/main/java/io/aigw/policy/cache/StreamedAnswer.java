package io.aigw.policy.cache;

import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles a streamed answer into a complete one as its chunks are relayed, so that it can be cached; gives up
 * (and keeps nothing more) once the answer passes {@code maxChars}.
 */
public final class StreamedAnswer {

    private final long maxChars;
    private final Map<Integer, Choice> choices = new TreeMap<>();
    private String id;
    private String model;
    private long created;
    private String fingerprint;
    private Usage usage;
    private long chars;
    private boolean tooLarge;

    private static final class Choice {
        final StringBuilder text = new StringBuilder();
        /** The reasoning blocks so far: a signature ends a block, a redacted block stands alone. */
        final List<ReasoningPart> reasoning = new ArrayList<>();
        final StringBuilder thinking = new StringBuilder();
        final Map<Integer, String[]> tools = new TreeMap<>(); // id, name, arguments
        FinishReason finish;

        void endThinking(String signature) {
            if (thinking.length() > 0 || signature != null) {
                reasoning.add(new ReasoningPart(thinking.toString(), signature, null));
                thinking.setLength(0);
            }
        }
    }

    public StreamedAnswer(long maxChars) {
        this.maxChars = maxChars;
    }

    public void add(ChatChunk chunk) {
        if (tooLarge) {
            return;
        }
        if (id == null) {
            id = chunk.id();
            model = chunk.model();
            created = chunk.created();
            fingerprint = chunk.systemFingerprint();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        for (ChoiceDelta d : chunk.choices()) {
            Choice c = choices.computeIfAbsent(d.index(), i -> new Choice());
            append(c.text, d.content());
            if (d.reasoning() != null) {
                append(c.thinking, d.reasoning().text());
                if (d.reasoning().signature() != null) {
                    count(d.reasoning().signature().length());
                    c.endThinking(d.reasoning().signature());
                }
                if (d.reasoning().redactedData() != null) {
                    count(d.reasoning().redactedData().length());
                    c.endThinking(null);
                    c.reasoning.add(new ReasoningPart(null, null, d.reasoning().redactedData()));
                }
            }
            for (ToolCallDelta t : d.toolCalls()) {
                String[] call = c.tools.computeIfAbsent(t.index(), i -> new String[] {null, null, ""});
                call[0] = t.id() != null ? t.id() : call[0];
                call[1] = t.name() != null ? t.name() : call[1];
                if (t.argumentsFragment() != null) {
                    call[2] += t.argumentsFragment();
                    count(t.argumentsFragment().length());
                }
            }
            if (d.finishReason() != null) {
                c.finish = d.finishReason();
            }
        }
    }

    private void append(StringBuilder to, String s) {
        if (s != null) {
            to.append(s);
            count(s.length());
        }
    }

    private void count(int n) {
        chars += n;
        if (chars > maxChars) {
            tooLarge = true;
            choices.clear();
        }
    }

    /** The complete answer, or {@code null} if it was too large or a choice never finished. */
    public ChatResponse complete() {
        if (tooLarge || id == null || choices.isEmpty()) {
            return null;
        }
        List<ChatChoice> out = new ArrayList<>();
        for (Map.Entry<Integer, Choice> e : choices.entrySet()) {
            Choice c = e.getValue();
            if (c.finish == null) {
                return null;
            }
            c.endThinking(null);
            List<ContentPart> parts = new ArrayList<>(c.reasoning);
            if (c.text.length() > 0) {
                parts.add(new TextPart(c.text.toString()));
            }
            List<ToolCall> calls = new ArrayList<>();
            c.tools.values().forEach(t -> calls.add(new ToolCall(t[0], t[1], t[2])));
            out.add(new ChatChoice(e.getKey(), new ChatMessage(Role.ASSISTANT, parts, null, calls, null), c.finish));
        }
        return new ChatResponse(id, model, created, out, usage, fingerprint);
    }
}
