package io.aigw.policy.quota;

import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolDefinition;

/**
 * What a request may cost in tokens before it is sent: its input estimated at about four characters a token (tools'
 * schemas and an allowance per image included) plus its output reservation, {@code max_tokens} or the configured
 * default. Limits and budgets reserve this and settle to the provider's real usage after the call.
 *
 * @param input  estimated input tokens
 * @param output reserved output tokens
 */
public record TokenEstimate(long input, long output) {

    /** What an image costs at most in the major providers' accounting (a high-detail tile set). */
    static final int IMAGE_TOKENS = 1_600;

    public long total() {
        return input + output;
    }

    /** The estimate of a decoded request ({@code null} or another kind: nothing). */
    public static TokenEstimate of(Object request, int defaultOutputTokens) {
        if (request instanceof ChatRequest chat) {
            long chars = 0;
            long images = 0;
            for (ChatMessage m : chat.messages()) {
                chars += length(m.text()) + 4;
                for (ToolCall t : m.toolCalls()) {
                    chars += length(t.name()) + length(t.arguments());
                }
                images += m.content().stream().filter(p -> p instanceof ImagePart).count();
            }
            for (ToolDefinition t : chat.tools()) {
                chars += length(t.name()) + length(t.description())
                        + (t.parameters() == null ? 0 : t.parameters().toString().length());
            }
            Integer max = chat.options() == null ? null : chat.options().maxTokens();
            long n = chat.options() == null || chat.options().n() == null ? 1 : Math.max(1, chat.options().n());
            long output = (max == null ? defaultOutputTokens : max) * n;
            return new TokenEstimate(tokens(chars) + images * IMAGE_TOKENS, output);
        }
        if (request instanceof EmbeddingRequest embedding) {
            long chars = 0;
            for (String s : embedding.inputs()) {
                chars += length(s);
            }
            return new TokenEstimate(tokens(chars), 0);
        }
        return new TokenEstimate(0, 0);
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }

    private static long tokens(long chars) {
        return chars == 0 ? 0 : Math.max(1, (chars + 3) / 4);
    }
}
