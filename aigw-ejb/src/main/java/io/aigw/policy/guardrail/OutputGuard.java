package io.aigw.policy.guardrail;

import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.policy.AnswerGuard;
import io.aigw.policy.ChatStreamSink;
import io.aigw.policy.ResponseHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * The output rules of the sets that apply to a request, and the restoring of the request's placeholders: the model's
 * text is judged first (output PII is redacted as {@code [REDACTED_EMAIL]}, never a placeholder that could be
 * restored), then placeholders the input redaction made are put back for the caller. Text and tool-call arguments
 * are covered; reasoning is passed on as the provider sent it.
 */
final class OutputGuard implements AnswerGuard {

    private final TextRules rules;
    private final Placeholders placeholders;
    private final boolean restoring;
    private final Decisions decisions;
    private final ResponseHeaders headers;
    private final int holdMax;
    private GuardedStream stream;

    /**
     * @param restoring whether the request's placeholders go back into the answer
     * @param holdMax   the most characters a stream holds back while a match may still be forming
     */
    OutputGuard(List<GuardrailSet> sets, Placeholders placeholders, boolean restoring, Decisions decisions,
                ResponseHeaders headers, int holdMax) {
        this.rules = TextRules.of(sets, "output");
        this.placeholders = placeholders;
        this.restoring = restoring;
        this.decisions = decisions;
        this.headers = headers;
        this.holdMax = holdMax;
    }

    /** Whether there is anything to do on the answer. */
    boolean needed() {
        return !rules.isEmpty() || restoring;
    }

    @Override
    public ChatResponse check(ChatResponse answer) {
        try {
            return judged(answer);
        } finally {
            decisions.headerItems("output").forEach(headers::guardrail);
        }
    }

    private ChatResponse judged(ChatResponse answer) {
        List<ChatChoice> choices = new ArrayList<>(answer.choices().size());
        boolean changed = false;
        for (ChatChoice c : answer.choices()) {
            ChatMessage m = c.message();
            List<ContentPart> parts = new ArrayList<>(m.content().size());
            boolean partsChanged = false;
            for (ContentPart p : m.content()) {
                if (p instanceof TextPart t) {
                    String text = text(t.text());
                    partsChanged |= !text.equals(t.text());
                    parts.add(new TextPart(text, t.cacheControl()));
                } else {
                    parts.add(p);
                }
            }
            List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
            for (ToolCall t : m.toolCalls()) {
                String args = text(t.arguments());
                partsChanged |= !args.equals(t.arguments());
                calls.add(new ToolCall(t.id(), t.name(), args));
            }
            choices.add(partsChanged ? new ChatChoice(c.index(), new ChatMessage(m.role(), parts, m.name(), calls,
                    m.toolCallId(), m.toolError()), c.finishReason()) : c);
            changed |= partsChanged;
        }
        return changed ? new ChatResponse(answer.id(), answer.model(), answer.created(), choices, answer.usage(),
                answer.systemFingerprint()) : answer;
    }

    @Override
    public GuardedSink guard(ChatStreamSink sink) {
        stream = new GuardedStream(sink, this);
        return stream;
    }

    /** How the stream held text back, or {@code null} when the answer was not streamed. */
    jakarta.json.JsonObject holdStats() {
        return stream == null ? null : stream.holdStats();
    }

    /** A complete piece of text as the caller may see it (throws when blocked). */
    String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String judged = rules.isEmpty() ? text : rules.apply(text, placeholders, decisions);
        return restoring ? placeholders.restore(judged) : judged;
    }

    /** Where the held-back part of a streamed text begins: what a match or a placeholder may still need. */
    int holdFrom(CharSequence text) {
        int hold = rules.isEmpty() ? text.length() : rules.holdFrom(text);
        if (restoring) {
            hold = Math.min(hold, placeholders.holdFrom(text));
        }
        return text.length() - hold > holdMax ? text.length() : hold;
    }
}
