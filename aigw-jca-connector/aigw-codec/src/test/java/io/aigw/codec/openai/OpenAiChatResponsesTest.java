package io.aigw.codec.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenAiChatResponsesTest {

    private static final String RESPONSE = """
            {
              "id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000,
              "model": "gpt-4o-mini-2024-07-18", "system_fingerprint": "fp_1",
              "choices": [
                {"index": 0, "message": {"role": "assistant", "content": "Hello", "refusal": null},
                 "logprobs": null, "finish_reason": "stop"},
                {"index": 1, "message": {"role": "assistant", "content": null, "tool_calls": [
                   {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
                   {"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}
                 ]}, "finish_reason": "tool_calls"}
              ],
              "usage": {"prompt_tokens": 20, "completion_tokens": 10, "total_tokens": 30,
                        "prompt_tokens_details": {"cached_tokens": 5, "audio_tokens": 0},
                        "completion_tokens_details": {"reasoning_tokens": 3}}
            }
            """;

    private static JsonObject json(String text) {
        return JsonText.parseObject(text);
    }

    @Test
    void decodesChoicesToolCallsAndUsageBreakdown() {
        ChatResponse r = OpenAiChatResponses.decode(json(RESPONSE));

        assertThat(r.id()).isEqualTo("chatcmpl-1");
        assertThat(r.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(r.created()).isEqualTo(1700000000L);
        assertThat(r.systemFingerprint()).isEqualTo("fp_1");
        assertThat(r.choices()).containsExactly(
                new ChatChoice(0, ChatMessage.text(Role.ASSISTANT, "Hello"), FinishReason.STOP),
                new ChatChoice(1, new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(
                        new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_2", "get_time", "{}")), null), FinishReason.TOOL_CALLS));
        assertThat(r.usage()).isEqualTo(new Usage(20, 10, 5, 0, 3, false));
    }

    @Test
    void decodesAMessageWithoutRoleAsAssistantAndMissingUsageAsNone() {
        ChatResponse r = OpenAiChatResponses.decode(json(
                "{\"choices\":[{\"message\":{\"content\":\"hi\"},\"finish_reason\":null}]}"));

        assertThat(r.choices()).containsExactly(new ChatChoice(0, ChatMessage.text(Role.ASSISTANT, "hi"), null));
        assertThat(r.usage()).isEqualTo(Usage.NONE);
        assertThat(r.created()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"stop,STOP", "length,LENGTH", "tool_calls,TOOL_CALLS", "content_filter,CONTENT_FILTER",
            "function_call,TOOL_CALLS"})
    void decodesFinishReasons(String wire, FinishReason expected) {
        ChatResponse r = OpenAiChatResponses.decode(json("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"x\"},\"finish_reason\":\"" + wire + "\"}]}"));

        assertThat(r.choices().get(0).finishReason()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"STOP,stop", "LENGTH,length", "TOOL_CALLS,tool_calls", "CONTENT_FILTER,content_filter"})
    void encodesFinishReasons(FinishReason reason, String wire) {
        ChatResponse r = new ChatResponse("id", "m", 1, List.of(new ChatChoice(0, ChatMessage.text(Role.ASSISTANT,
                "x"), reason)), Usage.NONE, null);

        assertThat(OpenAiChatResponses.encode(r, "m").getJsonArray("choices").getJsonObject(0)
                .getString("finish_reason")).isEqualTo(wire);
    }

    @Test
    void encodesTheChatCompletionShape() {
        ChatResponse r = OpenAiChatResponses.decode(json(RESPONSE));

        JsonObject encoded = OpenAiChatResponses.encode(r, "openai/gpt-4o-mini");

        JsonObject expected = json("""
                {
                  "id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000,
                  "model": "openai/gpt-4o-mini",
                  "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": "Hello", "refusal": null},
                     "logprobs": null, "finish_reason": "stop"},
                    {"index": 1, "message": {"role": "assistant", "content": null, "tool_calls": [
                       {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
                       {"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}
                     ], "refusal": null}, "logprobs": null, "finish_reason": "tool_calls"}
                  ],
                  "usage": {"prompt_tokens": 20, "completion_tokens": 10, "total_tokens": 30,
                            "prompt_tokens_details": {"cached_tokens": 5},
                            "completion_tokens_details": {"reasoning_tokens": 3}},
                  "system_fingerprint": "fp_1"
                }
                """);
        assertThat(encoded).isEqualTo(expected);
    }

    @Test
    void encodesAMissingFinishReasonAndIdAsNullAndDefault() {
        ChatResponse r = new ChatResponse(null, "m", 5, List.of(new ChatChoice(0, new ChatMessage(Role.ASSISTANT,
                List.of(new TextPart("a"), new TextPart("b")), null, List.of(), null), null)), null, null);

        JsonObject encoded = OpenAiChatResponses.encode(r, "m");

        JsonObject choice = encoded.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.get("finish_reason")).isEqualTo(JsonValue.NULL);
        assertThat(encoded.getString("id")).isEqualTo("chatcmpl-aigw");
        assertThat(encoded.containsKey("system_fingerprint")).isFalse();
        assertThat(choice.getJsonObject("message").get("content")).isEqualTo(json(
                "{\"c\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}").get("c"));
        assertThat(encoded.getJsonObject("usage").getInt("total_tokens")).isZero();
    }
}
