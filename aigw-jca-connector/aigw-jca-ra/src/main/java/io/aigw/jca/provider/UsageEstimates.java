package io.aigw.jca.provider;

import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.Usage;

/**
 * Token counts for upstreams that report none: about four characters a token, flagged as estimated so that the audit
 * and the budgets can tell.
 */
public final class UsageEstimates {

    private UsageEstimates() {
    }

    /** Estimated usage of a whole answer. */
    public static Usage of(ChatRequest request, ChatResponse response) {
        int chars = 0;
        for (ChatChoice c : response.choices()) {
            chars += length(c.message());
        }
        return of(request, chars);
    }

    /** Estimated usage of a request whose answer had that many characters. */
    public static Usage of(ChatRequest request, int outputChars) {
        int inputChars = 0;
        for (ChatMessage m : request.messages()) {
            inputChars += length(m);
        }
        return new Usage(tokens(inputChars), tokens(outputChars), 0, 0, 0, true);
    }

    private static int length(ChatMessage m) {
        String text = m.text();
        int n = text == null ? 0 : text.length();
        for (var call : m.toolCalls()) {
            n += call.name().length() + call.arguments().length();
        }
        return n;
    }

    private static int tokens(int chars) {
        return chars == 0 ? 0 : Math.max(1, (chars + 3) / 4);
    }
}
