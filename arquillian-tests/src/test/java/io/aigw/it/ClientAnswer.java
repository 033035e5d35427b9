package io.aigw.it;

import io.aigw.it.support.Gateway;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the assistant answered, as a client of the gateway reads it from either client format, whole or streamed.
 *
 * @param text   the text, empty when there is none
 * @param calls  the tool calls, in order
 * @param finish {@code finish_reason} (OpenAI format) or {@code stop_reason} (Anthropic format)
 */
record ClientAnswer(String text, List<ToolCall> calls, String finish) {

    /**
     * One tool call.
     *
     * @param id        the call id the client has to answer
     * @param name      the function's name
     * @param arguments the arguments, parsed
     */
    record ToolCall(String id, String name, JsonObject arguments) {
    }

    /** The first choice of a {@code chat.completion}. */
    static ClientAnswer ofOpenAi(JsonObject completion) {
        JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
        JsonObject message = choice.getJsonObject("message");
        List<ToolCall> calls = new ArrayList<>();
        if (message.containsKey("tool_calls") && !message.isNull("tool_calls")) {
            for (JsonValue v : message.getJsonArray("tool_calls")) {
                JsonObject function = v.asJsonObject().getJsonObject("function");
                calls.add(new ToolCall(v.asJsonObject().getString("id"), function.getString("name"),
                        Gateway.json(function.getString("arguments"))));
            }
        }
        return new ClientAnswer(message.isNull("content") ? "" : message.getString("content"), calls,
                choice.getString("finish_reason"));
    }

    /** The first choice of a {@code chat.completion.chunk} stream (the {@code data:} lines of its body). */
    static ClientAnswer ofOpenAiStream(String body) {
        StringBuilder text = new StringBuilder();
        Map<Integer, String[]> calls = new TreeMap<>();
        Map<Integer, StringBuilder> arguments = new TreeMap<>();
        String finish = null;
        for (JsonObject chunk : data(body)) {
            if (chunk.getJsonArray("choices").isEmpty()) {
                continue;
            }
            JsonObject choice = chunk.getJsonArray("choices").getJsonObject(0);
            JsonObject delta = choice.getJsonObject("delta");
            if (delta.containsKey("content") && !delta.isNull("content")) {
                text.append(delta.getString("content"));
            }
            if (delta.containsKey("tool_calls")) {
                for (JsonValue v : delta.getJsonArray("tool_calls")) {
                    JsonObject call = v.asJsonObject();
                    String[] idAndName = calls.computeIfAbsent(call.getInt("index"), i -> new String[2]);
                    JsonObject function = call.getJsonObject("function");
                    if (call.containsKey("id")) {
                        idAndName[0] = call.getString("id");
                    }
                    if (function != null && function.containsKey("name")) {
                        idAndName[1] = function.getString("name");
                    }
                    if (function != null && function.containsKey("arguments")) {
                        arguments.computeIfAbsent(call.getInt("index"), i -> new StringBuilder())
                                .append(function.getString("arguments"));
                    }
                }
            }
            if (!choice.isNull("finish_reason")) {
                finish = choice.getString("finish_reason");
            }
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        calls.forEach((index, idAndName) -> toolCalls.add(new ToolCall(idAndName[0], idAndName[1],
                Gateway.json(arguments.getOrDefault(index, new StringBuilder("{}")).toString()))));
        return new ClientAnswer(text.toString(), toolCalls, finish);
    }

    /** A Messages API {@code message}. */
    static ClientAnswer ofAnthropic(JsonObject message) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonValue v : message.getJsonArray("content")) {
            JsonObject block = v.asJsonObject();
            if (block.getString("type").equals("tool_use")) {
                calls.add(new ToolCall(block.getString("id"), block.getString("name"), block.getJsonObject("input")));
            } else {
                text.append(block.getString("text"));
            }
        }
        return new ClientAnswer(text.toString(), calls, message.getString("stop_reason"));
    }

    /** A Messages API event stream (the {@code data:} lines of its body). */
    static ClientAnswer ofAnthropicStream(String body) {
        StringBuilder text = new StringBuilder();
        Map<Integer, String[]> calls = new TreeMap<>();
        Map<Integer, StringBuilder> inputs = new TreeMap<>();
        String finish = null;
        for (JsonObject event : data(body)) {
            switch (event.getString("type")) {
                case "content_block_start" -> {
                    JsonObject block = event.getJsonObject("content_block");
                    if (block.getString("type").equals("tool_use")) {
                        calls.put(event.getInt("index"), new String[] {block.getString("id"), block.getString("name")});
                    }
                }
                case "content_block_delta" -> {
                    JsonObject delta = event.getJsonObject("delta");
                    if (delta.getString("type").equals("input_json_delta")) {
                        inputs.computeIfAbsent(event.getInt("index"), i -> new StringBuilder())
                                .append(delta.getString("partial_json"));
                    } else if (delta.getString("type").equals("text_delta")) {
                        text.append(delta.getString("text"));
                    }
                }
                case "message_delta" -> finish = event.getJsonObject("delta").getString("stop_reason");
                default -> {
                    // message_start, content_block_stop, message_stop, ping
                }
            }
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        calls.forEach((index, idAndName) -> toolCalls.add(new ToolCall(idAndName[0], idAndName[1],
                Gateway.json(inputs.getOrDefault(index, new StringBuilder("{}")).toString()))));
        return new ClientAnswer(text.toString(), toolCalls, finish);
    }

    /** The JSON of every {@code data:} line of a server-sent event stream, except {@code [DONE]}. */
    private static List<JsonObject> data(String body) {
        return body.lines().filter(l -> l.startsWith("data: ") && !l.equals("data: [DONE]"))
                .map(l -> Gateway.json(l.substring(6))).toList();
    }
}
