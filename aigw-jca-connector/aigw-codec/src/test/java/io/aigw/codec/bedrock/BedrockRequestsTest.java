package io.aigw.codec.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.CacheControl;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolDefinition;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Converse request bodies: the parts the neutral records carry beyond plain text. */
class BedrockRequestsTest {

    private static JsonObject encode(List<ChatMessage> messages, List<ToolDefinition> tools) {
        return BedrockRequests.encode(new ChatRequest("anthropic.claude-3-5-haiku-20241022-v1:0", messages,
                new GenerationOptions(null, null, 100, List.of(), null), tools, null, null, false, Map.of()),
                image -> {
                    throw new AssertionError("no images here");
                });
    }

    private static JsonObject json(String text) {
        return JsonText.parseObject(text);
    }

    @Test
    void cacheBreakpointsBecomeCachePointsAfterTheirBlocks() {
        JsonObject body = encode(List.of(
                        new ChatMessage(Role.SYSTEM, List.of(new TextPart("Long rules", CacheControl.DEFAULT)), null,
                                List.of(), null),
                        new ChatMessage(Role.USER, List.of(new TextPart("Context", new CacheControl("1h")),
                                new TextPart("Question")), null, List.of(), null)),
                List.of(new ToolDefinition("lookup", null, Map.of("type", "object"), null, CacheControl.DEFAULT)));

        assertThat(body.get("system")).isEqualTo(json("""
                {"s":[{"text":"Long rules"},{"cachePoint":{"type":"default"}}]}""").get("s"));
        assertThat(body.getJsonArray("messages").getJsonObject(0).get("content")).isEqualTo(json("""
                {"c":[{"text":"Context"},{"cachePoint":{"type":"default"}},{"text":"Question"}]}""").get("c"));
        assertThat(body.getJsonObject("toolConfig").get("tools")).isEqualTo(json("""
                {"t":[{"toolSpec":{"name":"lookup","inputSchema":{"json":{"type":"object"}}}},
                      {"cachePoint":{"type":"default"}}]}""").get("t"));
    }

    @Test
    void aFailedToolsResultHasTheErrorStatus() {
        JsonObject body = encode(List.of(ChatMessage.text(Role.USER, "Weather?"),
                new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(new ToolCall("tooluse_1", "lookup", "{}")),
                        null),
                ChatMessage.toolResult("tooluse_1", List.of(new TextPart("service down")), true),
                ChatMessage.toolResult("tooluse_2", List.of(new TextPart("sunny")), false)), List.of());

        JsonObject last = body.getJsonArray("messages").getJsonObject(2);
        assertThat(last.getString("role")).isEqualTo("user");
        assertThat(last.get("content")).isEqualTo(json("""
                {"c":[{"toolResult":{"toolUseId":"tooluse_1","content":[{"text":"service down"}],"status":"error"}},
                      {"toolResult":{"toolUseId":"tooluse_2","content":[{"text":"sunny"}]}}]}""").get("c"));
    }
}
