package io.aigw.jca.provider;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;

/**
 * What a stream relay counts while it relays: the chunks, and the characters of the answer (text and tool call
 * arguments) for an estimate when the provider reports no usage. One per stream.
 */
public final class StreamTally {

    private int chunks;
    private int outputChars;

    /** Counts one relayed chunk. */
    public void count(ChatChunk chunk) {
        chunks++;
        for (ChoiceDelta d : chunk.choices()) {
            if (d.content() != null) {
                outputChars += d.content().length();
            }
            for (ToolCallDelta t : d.toolCalls()) {
                outputChars += t.argumentsFragment() == null ? 0 : t.argumentsFragment().length();
            }
        }
    }

    /** Chunks relayed so far. */
    public int chunks() {
        return chunks;
    }

    /** The provider's usage when it reported any, otherwise an estimate flagged as such. */
    public Usage usageOr(Usage reported, ChatRequest request) {
        return reported != null && reported.totalTokens() > 0 ? reported
                : UsageEstimates.of(request, outputChars);
    }
}
