package io.aigw.it.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fake model answers to a {@link GeminiRequest}: a text cut into word pieces, followed for function calling
 * by two parallel {@code functionCall}s. Deterministic so tests can assert exact values.
 *
 * @param pieces        the text's pieces, each a word with its following whitespace
 * @param calls         the function calls (empty for a plain answer)
 * @param finishReason  {@code STOP}, {@code MAX_TOKENS} or, for {@code fault-safety}, {@code SAFETY}
 * @param outputTokens  {@code candidatesTokenCount} of one candidate: words, plus 3 per function call
 * @param thoughtTokens {@code thoughtsTokenCount}: {@value #THOUGHT_TOKENS} for {@value #THINKING_MODEL}, else 0
 */
record GeminiReply(List<String> pieces, List<Call> calls, String finishReason, int outputTokens, int thoughtTokens) {

    /** The model whose text is {@code "Hello world."}, streamed with a {@link StreamGate} in between. */
    static final String GATED_MODEL = "fake-gated-stream";

    /** The model that reports thinking tokens (and a thought summary part when asked to include thoughts). */
    static final String THINKING_MODEL = "fake-thinking";

    static final int THOUGHT_TOKENS = 5;

    /** The text that precedes function calls. */
    static final String CALL_PREAMBLE = "Let me check.";

    private static final Pattern PIECE = Pattern.compile("\\S+\\s*");

    /**
     * One function call.
     *
     * @param name the function name
     * @param args the arguments object as JSON text
     */
    record Call(String name, String args) {
    }

    /**
     * Decides the reply: function calls when the request asks for them; otherwise {@code "Hello from <model>."}
     * ({@code "Hello world."} for the gated model), cut before the earliest stop sequence it contains (finish
     * {@code STOP}), then to {@code maxOutputTokens} words if that is fewer (finish {@code MAX_TOKENS}).
     */
    static GeminiReply forRequest(GeminiRequest request) {
        int thoughts = THINKING_MODEL.equals(request.model()) ? THOUGHT_TOKENS : 0;
        if ("fault-safety".equals(request.model())) {
            return new GeminiReply(List.of(), List.of(), "SAFETY", 0, 0);
        }
        if (request.callsFunctions()) {
            List<Call> calls = List.of(new Call(request.toolName(), "{\"city\":\"Paris\"}"),
                    new Call(request.toolName(), "{\"city\":\"Rome\"}"));
            List<String> pieces = pieces(CALL_PREAMBLE);
            return new GeminiReply(pieces, calls, "STOP", pieces.size() + 3 * calls.size(), thoughts);
        }
        String text = GATED_MODEL.equals(request.model()) ? "Hello world." : "Hello from " + request.model() + ".";
        int cut = text.length();
        for (String sequence : request.stopSequences()) {
            int at = text.indexOf(sequence);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        List<String> pieces = pieces(text.substring(0, cut));
        if (request.maxOutputTokens() < pieces.size()) {
            List<String> kept = new ArrayList<>(pieces.subList(0, Math.max(0, request.maxOutputTokens())));
            if (!kept.isEmpty()) {
                kept.set(kept.size() - 1, kept.get(kept.size() - 1).stripTrailing());
            }
            return new GeminiReply(List.copyOf(kept), List.of(), "MAX_TOKENS", kept.size(), thoughts);
        }
        return new GeminiReply(pieces, List.of(), "STOP", pieces.size(), thoughts);
    }

    /** The whole text (the pieces joined). */
    String text() {
        return String.join("", pieces);
    }

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = PIECE.matcher(text);
        while (matcher.find()) {
            pieces.add(matcher.group());
        }
        return List.copyOf(pieces);
    }
}
