package io.aigw.policy.cache;

import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ReasoningDelta;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;

/** A complete answer replayed as the chunks of a stream: reasoning, text and tool calls, the finish, the usage. */
public final class AnswerStream {

    private AnswerStream() {
    }

    public static List<ChatChunk> chunks(ChatResponse answer) {
        List<ChatChunk> out = new ArrayList<>();
        for (ChatChoice c : answer.choices()) {
            int i = c.index();
            List<ContentPart> parts = c.message() == null ? List.of() : c.message().content();
            out.add(chunk(answer, new ChoiceDelta(i, Role.ASSISTANT, null, null, List.of(), null)));
            for (ContentPart p : parts) {
                if (p instanceof ReasoningPart r) {
                    out.add(chunk(answer, new ChoiceDelta(i, null, null, null, List.of(), null,
                            new ReasoningDelta(r.text(), r.signature(), r.redactedData()))));
                } else if (p instanceof TextPart t && t.text() != null && !t.text().isEmpty()) {
                    out.add(chunk(answer, new ChoiceDelta(i, null, t.text(), null, List.of(), null)));
                }
            }
            List<ToolCall> calls = c.message() == null ? List.of() : c.message().toolCalls();
            for (int k = 0; k < calls.size(); k++) {
                ToolCall t = calls.get(k);
                out.add(chunk(answer, new ChoiceDelta(i, null, null, null,
                        List.of(new ToolCallDelta(k, t.id(), t.name(), t.arguments())), null)));
            }
            out.add(chunk(answer, new ChoiceDelta(i, null, null, null, List.of(), c.finishReason())));
        }
        if (answer.usage() != null) {
            out.add(new ChatChunk(answer.id(), answer.model(), answer.created(), List.of(), answer.usage(),
                    answer.systemFingerprint()));
        }
        return out;
    }

    private static ChatChunk chunk(ChatResponse answer, ChoiceDelta delta) {
        return new ChatChunk(answer.id(), answer.model(), answer.created(), List.of(delta), null,
                answer.systemFingerprint());
    }
}
