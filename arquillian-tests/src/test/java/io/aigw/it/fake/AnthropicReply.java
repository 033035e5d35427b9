package io.aigw.it.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fake assistant answers to an {@link AnthropicRequest}: a text block cut into word pieces, followed
 * for tool use by two parallel {@code tool_use} blocks. Deterministic so tests can assert exact values.
 *
 * @param pieces       the text block's pieces, each a word with its following whitespace
 * @param toolUses     the tool use blocks (empty for a plain text answer)
 * @param stopReason   {@code end_turn}, {@code max_tokens}, {@code stop_sequence} or {@code tool_use}
 * @param stopSequence the stop sequence that ended the text, or {@code null}
 * @param outputTokens words of the text, plus 3 per tool use (one start and two input chunks, as streamed)
 */
record AnthropicReply(List<String> pieces, List<ToolUse> toolUses, String stopReason, String stopSequence,
        int outputTokens) {

    /** The model whose text is {@code "Hello world."}, streamed with a {@link StreamGate} in between. */
    static final String GATED_MODEL = "fake-gated-stream";

    /** The text block that precedes tool use blocks. */
    static final String TOOL_PREAMBLE = "Let me check.";

    private static final Pattern PIECE = Pattern.compile("\\S+\\s*");

    /**
     * One tool use block.
     *
     * @param id    {@code toolu_01}, {@code toolu_02}
     * @param name  the tool name
     * @param input the input object as JSON text
     */
    record ToolUse(String id, String name, String input) {

        /** The two halves the input JSON is streamed in as {@code input_json_delta}s. */
        List<String> inputParts() {
            int half = input.length() / 2;
            return List.of(input.substring(0, half), input.substring(half));
        }
    }

    /**
     * Decides the reply: tool use when the request asks for it (ignoring {@code max_tokens} and stop
     * sequences); otherwise {@code "Hello from <model>."} ({@code "Hello world."} for the gated model), cut
     * before the earliest stop sequence it contains, then to {@code max_tokens} words if that is fewer.
     */
    static AnthropicReply forRequest(AnthropicRequest request) {
        if (request.usesTools()) {
            List<ToolUse> uses = List.of(
                    new ToolUse("toolu_01", request.toolName(), "{\"city\":\"Paris\"}"),
                    new ToolUse("toolu_02", request.toolName(), "{\"city\":\"Rome\"}"));
            List<String> pieces = pieces(TOOL_PREAMBLE);
            return new AnthropicReply(pieces, uses, "tool_use", null, pieces.size() + 3 * uses.size());
        }
        String text = GATED_MODEL.equals(request.model()) ? "Hello world." : "Hello from " + request.model() + ".";
        String stopSequence = null;
        int cut = text.length();
        for (String sequence : request.stopSequences()) {
            int at = text.indexOf(sequence);
            if (at >= 0 && at < cut) {
                cut = at;
                stopSequence = sequence;
            }
        }
        List<String> pieces = pieces(text.substring(0, cut));
        if (request.maxTokens() < pieces.size()) {
            List<String> kept = new ArrayList<>(pieces.subList(0, request.maxTokens()));
            kept.set(kept.size() - 1, kept.get(kept.size() - 1).stripTrailing());
            return new AnthropicReply(List.copyOf(kept), List.of(), "max_tokens", null, kept.size());
        }
        String reason = stopSequence == null ? "end_turn" : "stop_sequence";
        return new AnthropicReply(pieces, List.of(), reason, stopSequence, pieces.size());
    }

    /** The whole text block (the pieces joined). */
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
