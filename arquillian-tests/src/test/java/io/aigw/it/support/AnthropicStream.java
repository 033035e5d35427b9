package io.aigw.it.support;

import java.util.ArrayList;
import java.util.List;

/** Reads an Anthropic event stream as a client does: its (event, data) pairs and the text deltas they carry. */
public final class AnthropicStream {

    private AnthropicStream() {
    }

    /** The (event, data) pairs of an Anthropic SSE body, in order. */
    public static List<String[]> events(String body) {
        List<String[]> out = new ArrayList<>();
        String event = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                out.add(new String[] {event, line.substring(6)});
            }
        }
        return out;
    }

    /** The text of every {@code text_delta}, in order. */
    public static List<String> texts(List<String[]> events) {
        return events.stream().filter(e -> "content_block_delta".equals(e[0])).map(e -> Gateway.json(e[1])
                .getJsonObject("delta")).filter(d -> d.getString("type").equals("text_delta"))
                .map(d -> d.getString("text")).toList();
    }
}
