package io.aigw.it.fake;

import java.util.ArrayList;
import java.util.List;

/**
 * What the fake assistant answers to a {@link ChatRequest}: either text, cut into word pieces, or two
 * parallel tool calls. Deterministic so tests can assert exact content and usage.
 *
 * @param pieces         the text pieces, each word with its following space (empty for tool calls)
 * @param toolCalls      the tool calls (empty for text)
 * @param finishReason   {@code stop}, {@code length} or {@code tool_calls}
 * @param tokensPerChoice completion tokens of one choice: words of the text, or 3 per tool call
 *                       (one name chunk and two argument chunks, as streamed)
 */
record ChatReply(List<String> pieces, List<ToolCall> toolCalls, String finishReason, int tokensPerChoice) {

    /** The model whose text is {@code "Hello world."}, streamed with a {@link StreamGate} in between. */
    static final String GATED_MODEL = "fake-gated-stream";

    /**
     * One function call.
     *
     * @param id        {@code call_1}, {@code call_2}
     * @param name      the function name
     * @param arguments the JSON arguments as a string
     */
    record ToolCall(String id, String name, String arguments) {

        /** The two halves the arguments are streamed in. */
        List<String> argumentParts() {
            int half = arguments.length() / 2;
            return List.of(arguments.substring(0, half), arguments.substring(half));
        }
    }

    /**
     * Models {@code fake-echo} and {@code fake-echo-<n>}: the answer is the last user message's text, streamed in
     * pieces of {@code n} characters (3 by default), so that tests can place any text at any chunk boundary.
     */
    static final String ECHO_MODEL = "fake-echo";

    /** Decides the reply for a request. */
    static ChatReply forRequest(ChatRequest request) {
        if (request.model().startsWith(ECHO_MODEL) && !request.callsTools()) {
            String suffix = request.model().substring(ECHO_MODEL.length());
            int size = suffix.matches("-\\d{1,4}") ? Math.max(1, Integer.parseInt(suffix.substring(1))) : 3;
            String text = request.lastUserText();
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < text.length(); i += size) {
                pieces.add(text.substring(i, Math.min(text.length(), i + size)));
            }
            return new ChatReply(List.copyOf(pieces), List.of(), "stop", pieces.size());
        }
        if (request.callsTools()) {
            List<ToolCall> calls = List.of(
                    new ToolCall("call_1", request.toolName(), "{\"city\":\"Paris\"}"),
                    new ToolCall("call_2", request.toolName(), "{\"city\":\"Rome\"}"));
            return new ChatReply(List.of(), calls, "tool_calls", calls.size() * 3);
        }
        String text = GATED_MODEL.equals(request.model()) ? "Hello world." : "Hello from " + request.model() + ".";
        String[] words = text.split(" ");
        int kept = request.maxTokens() == null ? words.length : Math.min(words.length, request.maxTokens());
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < kept; i++) {
            pieces.add(i < kept - 1 ? words[i] + " " : words[i]);
        }
        return new ChatReply(List.copyOf(pieces), List.of(), kept < words.length ? "length" : "stop", kept);
    }

    /** The whole text content (the pieces joined), or {@code null} for tool calls. */
    String text() {
        return toolCalls.isEmpty() ? String.join("", pieces) : null;
    }
}
