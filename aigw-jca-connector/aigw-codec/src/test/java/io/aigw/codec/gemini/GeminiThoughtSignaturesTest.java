package io.aigw.codec.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gemini 3 signs its function calls and wants each signature back with the call in the next turn; clients only return
 * the tool call's id, so the signature travels in it.
 */
class GeminiThoughtSignaturesTest {

    private static final String SIGNATURE = "CiQBVKhc7v+/0a7Tz1xa2xvUjLg8e7v2nWqsFg==";

    private static ChatResponse answerWithSignedCalls(String firstCallId) {
        return GeminiResponses.decode(JsonText.parseObject("""
                {"candidates":[{"content":{"role":"model","parts":[
                   {"functionCall":{%s"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"%s"},
                   {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}]},
                 "finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":8,"totalTokenCount":18}}
                """.formatted(firstCallId == null ? "" : "\"id\":\"" + firstCallId + "\",", SIGNATURE)));
    }

    private static JsonObject nextTurn(ChatResponse answer) {
        List<ToolCall> calls = answer.choices().get(0).message().toolCalls();
        return GeminiRequests.encode(new ChatRequest("gemini-3-pro", List.of(
                ChatMessage.text(Role.USER, "Weather in Paris and Rome?"),
                new ChatMessage(Role.ASSISTANT, List.of(), null, calls, null),
                ChatMessage.toolResult(calls.get(0).id(), List.of(new TextPart("{\"temp\":21}")), false),
                ChatMessage.toolResult(calls.get(1).id(), List.of(new TextPart("{\"temp\":25}")), false)),
                null, null, null, null, false, null), GeminiImages.DATA_URLS);
    }

    @Test
    void aSignedCallGoesBackWithItsSignatureAndTheUnsignedOneWithout() {
        ChatResponse answer = answerWithSignedCalls(null);
        List<ToolCall> calls = answer.choices().get(0).message().toolCalls();
        assertThat(calls.get(0).id()).startsWith(GeminiToolCallIds.PREFIX).matches("[A-Za-z0-9_-]+");
        assertThat(calls.get(0).id()).isNotEqualTo(calls.get(1).id());

        JsonObject body = nextTurn(answer);

        JsonObject model = body.getJsonArray("contents").getJsonObject(1);
        assertThat(model.getString("role")).isEqualTo("model");
        assertThat(model.getJsonArray("parts").getJsonObject(0)).isEqualTo(JsonText.parseObject("""
                {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"%s"}
                """.formatted(SIGNATURE)));
        assertThat(model.getJsonArray("parts").getJsonObject(1)).isEqualTo(JsonText.parseObject("""
                {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}"""));
        JsonObject results = body.getJsonArray("contents").getJsonObject(2);
        assertThat(results.getJsonArray("parts").getJsonObject(0).getJsonObject("functionResponse"))
                .isEqualTo(JsonText.parseObject("{\"name\":\"get_weather\",\"response\":{\"temp\":21}}"));
    }

    @Test
    void geminisOwnIdTravelsWithTheSignature() {
        JsonObject body = nextTurn(answerWithSignedCalls("fc-7"));

        JsonObject call = body.getJsonArray("contents").getJsonObject(1).getJsonArray("parts").getJsonObject(0);
        assertThat(call.getJsonObject("functionCall").getString("id")).isEqualTo("fc-7");
        assertThat(call.getString("thoughtSignature")).isEqualTo(SIGNATURE);
        assertThat(body.getJsonArray("contents").getJsonObject(2).getJsonArray("parts").getJsonObject(0)
                .getJsonObject("functionResponse").getString("id")).isEqualTo("fc-7");
    }

    @Test
    void idsThatCarryNothingDecodeToNothing() {
        assertThat(GeminiToolCallIds.carried("call_aigw_0a1b2c3d_0")).isEmpty();
        assertThat(GeminiToolCallIds.carried("call_abc")).isEmpty();
        assertThat(GeminiToolCallIds.carried("call_aigw_0a1b2c3d_0_%%%")).isEmpty();
    }
}
