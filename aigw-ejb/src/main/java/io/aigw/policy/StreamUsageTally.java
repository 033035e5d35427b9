package io.aigw.policy;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;

/**
 * What a stream has relayed so far, for the audit of a stream that ends early (client gone, upstream failure): the
 * provider's usage when it reported one, otherwise an estimate (about four characters a token) flagged as such.
 */
final class StreamUsageTally {

    private final ChatRequest request;
    private int outputChars;
    private Usage reported;

    StreamUsageTally(ChatRequest request) {
        this.request = request;
    }

    void add(ChatChunk chunk) {
        if (chunk.usage() != null) {
            reported = chunk.usage();
        }
        for (ChoiceDelta d : chunk.choices()) {
            outputChars += length(d.content()) + length(d.refusal())
                    + (d.reasoning() == null ? 0 : length(d.reasoning().text()));
            for (ToolCallDelta t : d.toolCalls()) {
                outputChars += length(t.name()) + length(t.argumentsFragment());
            }
        }
    }

    /** The usage relayed so far. */
    Usage usage() {
        if (reported != null) {
            return reported;
        }
        int inputChars = 0;
        for (ChatMessage m : request.messages()) {
            inputChars += length(m.text());
        }
        return new Usage(tokens(inputChars), tokens(outputChars), 0, 0, 0, true);
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static int tokens(int chars) {
        return chars == 0 ? 0 : Math.max(1, (chars + 3) / 4);
    }
}
