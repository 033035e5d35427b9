package io.aigw.policy;

import io.aigw.jca.api.ChatResponse;
import java.io.IOException;

/**
 * What the output guardrails do to an answer on its way to the caller: a complete answer is checked and rewritten at
 * once; a stream is checked as it flows, holding back only the text a match could still need.
 */
public interface AnswerGuard {

    /** The answer as the caller may see it; a {@link GatewayException} when a rule blocks it. */
    ChatResponse check(ChatResponse answer);

    /** A sink that checks each chunk before it reaches {@code sink}. */
    GuardedSink guard(ChatStreamSink sink);

    /**
     * A guarding sink. {@link #chunk} throws a {@link GatewayException} when a rule blocks the stream (nothing of the
     * blocked text has been sent); {@link #flush()} sends what is still held back once the upstream has finished,
     * before the audit record closes.
     */
    interface GuardedSink extends ChatStreamSink {
        void flush() throws IOException;
    }
}
