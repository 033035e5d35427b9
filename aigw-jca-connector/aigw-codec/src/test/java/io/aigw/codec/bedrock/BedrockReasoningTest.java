package io.aigw.codec.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ReasoningDelta;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Claude on Bedrock with extended thinking: {@code reasoningContent} comes back as signed reasoning, streams as
 * reasoning deltas, and goes back to Bedrock unchanged in the next turn (Bedrock requires it there with tool use).
 */
class BedrockReasoningTest {

    private static JsonObject json(String text) {
        return JsonText.parseObject(text);
    }

    @Test
    void reasoningOfAnAnswerIsKeptFirstWithItsSignature() {
        ChatResponse r = BedrockResponses.decode(json("""
                {"output":{"message":{"role":"assistant","content":[
                   {"reasoningContent":{"reasoningText":{"text":"Think.","signature":"sig-b"}}},
                   {"reasoningContent":{"redactedContent":"cmVkYWN0ZWQ="}},
                   {"text":"Done."}]}},
                 "stopReason":"end_turn","usage":{"inputTokens":3,"outputTokens":9,"totalTokens":12}}
                """), "req-1", "anthropic.claude-sonnet-4");

        assertThat(r.choices().get(0).message().content()).containsExactly(new ReasoningPart("Think.", "sig-b", null),
                new ReasoningPart(null, null, "cmVkYWN0ZWQ="), new TextPart("Done."));
    }

    @Test
    void reasoningDeltasStreamTextSignatureAndRedactedContent() {
        BedrockStreamDecoder decoder = new BedrockStreamDecoder("req-1", "m");
        decoder.decode("messageStart", json("{\"role\":\"assistant\"}"));

        List<ChatChunk> chunks = new java.util.ArrayList<>();
        chunks.addAll(decoder.decode("contentBlockDelta", json("""
                {"contentBlockIndex":0,"delta":{"reasoningContent":{"text":"Hm"}}}""")));
        chunks.addAll(decoder.decode("contentBlockDelta", json("""
                {"contentBlockIndex":0,"delta":{"reasoningContent":{"signature":"sig-b"}}}""")));
        chunks.addAll(decoder.decode("contentBlockDelta", json("""
                {"contentBlockIndex":1,"delta":{"reasoningContent":{"redactedContent":"cmVk"}}}""")));

        assertThat(chunks).extracting(c -> c.choices().get(0).reasoning()).containsExactly(
                new ReasoningDelta("Hm", null, null), new ReasoningDelta(null, "sig-b", null),
                new ReasoningDelta(null, null, "cmVk"));
    }

    @Test
    void signedReasoningGoesBackUnchangedAndUnsignedReasoningStaysOut() {
        JsonObject body = BedrockRequests.encode(new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "Hi"),
                new ChatMessage(Role.ASSISTANT, List.of(new ReasoningPart("Think.", "sig-b", null),
                        new ReasoningPart(null, null, "cmVk"), new ReasoningPart("Gemini's", null, null),
                        new TextPart("Hello")), null, List.of(), null),
                ChatMessage.text(Role.USER, "Again")), null, null, null, null, false, Map.of()), image -> null);

        assertThat(body.getJsonArray("messages").getJsonObject(1).get("content")).isEqualTo(json("""
                {"c":[{"reasoningContent":{"reasoningText":{"text":"Think.","signature":"sig-b"}}},
                      {"reasoningContent":{"redactedContent":"cmVk"}},
                      {"text":"Hello"}]}""").get("c"));
    }
}
