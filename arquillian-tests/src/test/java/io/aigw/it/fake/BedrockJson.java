package io.aigw.it.fake;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** The JSON shapes of Converse replies and ConverseStream event payloads. */
final class BedrockJson {

    /** {@code cacheReadInputTokens} reported when the request's system blocks hold a {@code cachePoint}. */
    static final int CACHE_READ_TOKENS = 128;

    private BedrockJson() {
    }

    /** One scripted tool call of a reply. */
    record ToolUse(String id, String name, JsonObject input) {
    }

    /** Token counts of one reply. */
    record Tokens(int input, int output, int cacheRead) {
        JsonObject json() {
            JsonObjectBuilder b = JsonSupport.JSON.createObjectBuilder().add("inputTokens", input)
                    .add("outputTokens", output).add("totalTokens", input + output + cacheRead);
            if (cacheRead > 0) {
                b.add("cacheReadInputTokens", cacheRead).add("cacheWriteInputTokens", 0);
            }
            return b.build();
        }
    }

    /** A whole Converse response. */
    static JsonObject converse(String text, List<ToolUse> tools, String stopReason, Tokens tokens) {
        JsonArrayBuilder content = JsonSupport.JSON.createArrayBuilder();
        if (!text.isEmpty()) {
            content.add(JsonSupport.JSON.createObjectBuilder().add("text", text));
        }
        for (ToolUse t : tools) {
            content.add(JsonSupport.JSON.createObjectBuilder().add("toolUse", JsonSupport.JSON.createObjectBuilder()
                    .add("toolUseId", t.id()).add("name", t.name()).add("input", t.input())));
        }
        return JsonSupport.JSON.createObjectBuilder()
                .add("output", JsonSupport.JSON.createObjectBuilder().add("message", JsonSupport.JSON
                        .createObjectBuilder().add("role", "assistant").add("content", content)))
                .add("stopReason", stopReason)
                .add("usage", tokens.json())
                .add("metrics", JsonSupport.JSON.createObjectBuilder().add("latencyMs", 42))
                .build();
    }

    static JsonObject messageStart() {
        return JsonSupport.JSON.createObjectBuilder().add("role", "assistant").add("p", "abcdefghij").build();
    }

    static JsonObject textDelta(int block, String text) {
        return JsonSupport.JSON.createObjectBuilder().add("contentBlockIndex", block)
                .add("delta", JsonSupport.JSON.createObjectBuilder().add("text", text)).add("p", "abcd").build();
    }

    static JsonObject toolStart(int block, ToolUse tool) {
        return JsonSupport.JSON.createObjectBuilder().add("contentBlockIndex", block)
                .add("start", JsonSupport.JSON.createObjectBuilder().add("toolUse", JsonSupport.JSON
                        .createObjectBuilder().add("toolUseId", tool.id()).add("name", tool.name()))).build();
    }

    static JsonObject toolDelta(int block, String inputFragment) {
        return JsonSupport.JSON.createObjectBuilder().add("contentBlockIndex", block)
                .add("delta", JsonSupport.JSON.createObjectBuilder().add("toolUse", JsonSupport.JSON
                        .createObjectBuilder().add("input", inputFragment))).build();
    }

    static JsonObject blockStop(int block) {
        return JsonSupport.JSON.createObjectBuilder().add("contentBlockIndex", block).build();
    }

    static JsonObject messageStop(String stopReason) {
        return JsonSupport.JSON.createObjectBuilder().add("stopReason", stopReason).build();
    }

    static JsonObject metadata(Tokens tokens) {
        return JsonSupport.JSON.createObjectBuilder().add("usage", tokens.json())
                .add("metrics", JsonSupport.JSON.createObjectBuilder().add("latencyMs", 42)).build();
    }

    static JsonObject error(String message) {
        return JsonSupport.JSON.createObjectBuilder().add("message", message).build();
    }
}
