package io.aigw.codec.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiResponsesTest {

    /** The shape of the reference's generateContent answer, with thinking and cached content. */
    private static final String ANSWER = """
            {"candidates":[{"content":{"parts":[{"text":"Thinking about it","thought":true},
                                                {"text":"Hello! "},{"text":"How can I help?"}],"role":"model"},
                            "finishReason":"STOP","index":0,
                            "safetyRatings":[{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"NEGLIGIBLE"}]}],
             "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":7,"totalTokenCount":40,
                              "cachedContentTokenCount":4,"thoughtsTokenCount":21,
                              "promptTokensDetails":[{"modality":"TEXT","tokenCount":12}]},
             "modelVersion":"gemini-2.5-flash","responseId":"resp-1"}
            """;

    @Test
    void decodesTextUsageAndIdentity() {
        ChatResponse r = GeminiResponses.decode(JsonText.parseObject(ANSWER));

        assertThat(r.id()).isEqualTo("resp-1");
        assertThat(r.model()).isEqualTo("gemini-2.5-flash");
        assertThat(r.choices()).hasSize(1);
        assertThat(r.choices().get(0).message().text()).isEqualTo("Hello! How can I help?");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.usage()).isEqualTo(new Usage(12, 28, 4, 0, 21, false));
        assertThat(r.usage().totalTokens()).isEqualTo(40);
    }

    @Test
    void functionCallsGetGatewayIdsUnlessGeminiSentOne() {
        ChatResponse r = GeminiResponses.decode(JsonText.parseObject("""
                {"candidates":[{"content":{"role":"model","parts":[
                    {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},
                    {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}},
                    {"functionCall":{"id":"fc-7","name":"get_time"}}]},
                  "finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":9,"totalTokenCount":14}}
                """));

        var calls = r.choices().get(0).message().toolCalls();
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(calls).extracting(ToolCall::name, ToolCall::arguments).containsExactly(
                org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Paris\"}"),
                org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Rome\"}"),
                org.assertj.core.groups.Tuple.tuple("get_time", "{}"));
        assertThat(calls.get(0).id()).matches("call_aigw_[0-9a-f]{8}_0");
        assertThat(calls.get(1).id()).isEqualTo(calls.get(0).id().replaceAll("_0$", "_1"));
        assertThat(calls.get(2).id()).isEqualTo("fc-7");
        assertThat(r.choices().get(0).message().content()).isEmpty();
    }

    @Test
    void eachCandidateIsAChoice() {
        ChatResponse r = GeminiResponses.decode(JsonText.parseObject("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"A"}]},"finishReason":"STOP"},
                               {"content":{"role":"model","parts":[{"text":"B"}]},"finishReason":"MAX_TOKENS",
                                "index":1}]}
                """));

        assertThat(r.choices()).extracting(c -> c.index() + ":" + c.message().text() + ":" + c.finishReason())
                .containsExactly("0:A:STOP", "1:B:LENGTH");
        assertThat(r.usage()).isEqualTo(Usage.NONE);
    }

    @ParameterizedTest
    @CsvSource({"STOP,STOP", "MAX_TOKENS,LENGTH", "SAFETY,CONTENT_FILTER", "RECITATION,CONTENT_FILTER",
            "BLOCKLIST,CONTENT_FILTER", "PROHIBITED_CONTENT,CONTENT_FILTER", "SPII,CONTENT_FILTER",
            "IMAGE_SAFETY,CONTENT_FILTER", "LANGUAGE,CONTENT_FILTER", "MALFORMED_FUNCTION_CALL,ERROR", "OTHER,ERROR",
            "FINISH_REASON_UNSPECIFIED,STOP", "SOMETHING_NEW,STOP"})
    void finishReasonsMap(String gemini, FinishReason expected) {
        ChatResponse r = GeminiResponses.decode(JsonText.parseObject("{\"candidates\":[{\"finishReason\":\"" + gemini
                + "\"}]}"));

        assertThat(r.choices().get(0).finishReason()).isEqualTo(expected);
    }

    @Test
    void aBlockedPromptIsAnEmptyContentFilteredChoice() {
        ChatResponse r = GeminiResponses.decode(JsonText.parseObject("""
                {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[
                    {"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH","blocked":true}]},
                 "usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.0-flash"}
                """));

        assertThat(r.choices()).hasSize(1);
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(r.choices().get(0).message().text()).isNull();
        assertThat(r.usage()).isEqualTo(Usage.of(8, 0));
    }

    @Test
    void aResponseWithoutCandidatesOrBlockIsInvalid() {
        assertThat(catchThrowableOfType(() -> GeminiResponses.decode(JsonText.parseObject("{\"modelVersion\":\"m\"}")),
                InvalidMessageException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> GeminiResponses.decode(JsonText.parseObject(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"args\":{}}}]}}]}")),
                InvalidMessageException.class)).isNotNull();
    }
}
