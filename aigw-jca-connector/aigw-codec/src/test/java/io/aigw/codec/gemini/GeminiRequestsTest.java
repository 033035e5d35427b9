package io.aigw.codec.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ResponseFormat;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolDefinition;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiRequestsTest {

    private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Current weather",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")),
            true);

    private static ChatRequest request(List<ChatMessage> messages) {
        return new ChatRequest("gemini-2.5-flash", messages, null, null, null, null, false, null);
    }

    private static JsonObject json(String text) {
        return JsonText.parseObject(text);
    }

    @Test
    void systemMessagesBecomeTheSystemInstructionAndRolesAreUserAndModel() {
        JsonObject body = GeminiRequests.encode(request(List.of(ChatMessage.text(Role.SYSTEM, "Be brief."),
                ChatMessage.text(Role.DEVELOPER, "Answer in French."), ChatMessage.text(Role.USER, "Hello"),
                ChatMessage.text(Role.ASSISTANT, "Bonjour"), ChatMessage.text(Role.USER, "Again"))),
                GeminiImages.DATA_URLS);

        assertThat(body).isEqualTo(json("""
                {"contents":[{"role":"user","parts":[{"text":"Hello"}]},
                             {"role":"model","parts":[{"text":"Bonjour"}]},
                             {"role":"user","parts":[{"text":"Again"}]}],
                 "systemInstruction":{"parts":[{"text":"Be brief."},{"text":"Answer in French."}]}}
                """));
    }

    @Test
    void generationOptionsAndExtensionsGoToTheGenerationConfig() {
        ChatRequest r = new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "Hi")),
                new GenerationOptions(0.7, 0.9, 100, List.of("END", "STOP"), 2), null, null, null, true,
                Map.of("seed", 42L, "presence_penalty", 0.5, "user", "u-1", "gemini.safetySettings",
                        List.of(Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_NONE"))));

        JsonObject body = GeminiRequests.encode(r, GeminiImages.DATA_URLS);

        assertThat(body.getJsonObject("generationConfig")).isEqualTo(json("""
                {"stopSequences":["END","STOP"],"candidateCount":2,"maxOutputTokens":100,"temperature":0.7,"topP":0.9,
                 "seed":42,"presencePenalty":0.5}
                """));
        assertThat(body.getJsonArray("safetySettings").getJsonObject(0).getString("threshold")).isEqualTo("BLOCK_NONE");
        assertThat(body.keySet()).containsExactlyInAnyOrder("contents", "generationConfig", "safetySettings");
    }

    @Test
    void aFailedToolsResultIsAnErrorResponse() {
        ChatRequest r = new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "Weather?"),
                new ChatMessage(Role.ASSISTANT, List.of(), null,
                        List.of(new io.aigw.jca.api.ToolCall("call_9", "lookup", "{}")), null),
                ChatMessage.toolResult("call_9", List.of(new io.aigw.jca.api.TextPart("service down")), true)),
                null, null, null, null, false, null);

        JsonObject body = GeminiRequests.encode(r, GeminiImages.DATA_URLS);

        assertThat(body.getJsonArray("contents").getJsonObject(2).getJsonArray("parts").getJsonObject(0))
                .isEqualTo(json("""
                        {"functionResponse":{"id":"call_9","name":"lookup","response":{"error":"service down"}}}"""));
    }

    @Test
    void responseFormatsAskForJsonWithOrWithoutTheSchema() {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("a", Map.of("type", "integer")));
        ChatRequest jsonObject = new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "Hi")), null, null, null,
                new ResponseFormat("json_object", null), false, null);
        ChatRequest jsonSchema = new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "Hi")), null, null, null,
                new ResponseFormat("json_schema", Map.of("name", "answer", "schema", schema, "strict", true)), false,
                null);

        assertThat(GeminiRequests.encode(jsonObject, GeminiImages.DATA_URLS).getJsonObject("generationConfig"))
                .isEqualTo(json("{\"responseMimeType\":\"application/json\"}"));
        assertThat(GeminiRequests.encode(jsonSchema, GeminiImages.DATA_URLS).getJsonObject("generationConfig"))
                .isEqualTo(json("""
                        {"responseMimeType":"application/json",
                         "responseJsonSchema":{"type":"object","properties":{"a":{"type":"integer"}}}}
                        """));
    }

    @Test
    void imagesAreSentInline() {
        ChatMessage m = new ChatMessage(Role.USER, List.of(new TextPart("What is this?"),
                new ImagePart("data:image/png;base64,iVBORw0KGgo=", "high")), null, List.of(), null);

        JsonObject body = GeminiRequests.encode(request(List.of(m)), GeminiImages.DATA_URLS);

        assertThat(body.getJsonArray("contents")).isEqualTo(json("""
                {"c":[{"role":"user","parts":[{"text":"What is this?"},
                      {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]}]}
                """).getJsonArray("c"));
    }

    @Test
    void toolsToolChoicesCallsAndResultsTranslate() {
        List<ChatMessage> conversation = List.of(
                ChatMessage.text(Role.USER, "Weather in Paris and Rome?"),
                new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(
                        new ToolCall("call_aigw_0a1b2c3d_0", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("fc-42", "get_weather", "{\"city\":\"Rome\"}")), null),
                new ChatMessage(Role.TOOL, List.of(new TextPart("{\"temp\":21}")), null, List.of(),
                        "call_aigw_0a1b2c3d_0"),
                new ChatMessage(Role.TOOL, List.of(new TextPart("sunny")), null, List.of(), "fc-42"));
        ChatRequest r = new ChatRequest("m", conversation, null, List.of(WEATHER),
                Map.of("type", "function", "function", Map.of("name", "get_weather")), null, false, null);

        JsonObject body = GeminiRequests.encode(r, GeminiImages.DATA_URLS);

        assertThat(body.getJsonArray("contents")).isEqualTo(json("""
                {"c":[{"role":"user","parts":[{"text":"Weather in Paris and Rome?"}]},
                      {"role":"model","parts":[
                        {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},
                        {"functionCall":{"id":"fc-42","name":"get_weather","args":{"city":"Rome"}}}]},
                      {"role":"user","parts":[
                        {"functionResponse":{"name":"get_weather","response":{"temp":21}}},
                        {"functionResponse":{"id":"fc-42","name":"get_weather","response":{"result":"sunny"}}}]}]}
                """).getJsonArray("c"));
        assertThat(body.getJsonArray("tools")).isEqualTo(json("""
                {"t":[{"functionDeclarations":[{"name":"get_weather","description":"Current weather",
                  "parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},
                                          "required":["city"]}}]}]}
                """).getJsonArray("t"));
        assertThat(body.getJsonObject("toolConfig")).isEqualTo(json("""
                {"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}}
                """));
    }

    @Test
    void stringToolChoicesMapToModes() {
        for (var expected : Map.of("auto", "AUTO", "none", "NONE", "required", "ANY").entrySet()) {
            ChatRequest r = new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "Hi")), null, List.of(WEATHER),
                    expected.getKey(), null, false, null);

            assertThat(GeminiRequests.encode(r, GeminiImages.DATA_URLS).getJsonObject("toolConfig"))
                    .isEqualTo(json("{\"functionCallingConfig\":{\"mode\":\"" + expected.getValue() + "\"}}"));
        }
    }

    @Test
    void aToolResultWithoutItsCallCannotBeTranslated() {
        InvalidMessageException e = catchThrowableOfType(() -> GeminiRequests.encode(request(List.of(
                ChatMessage.text(Role.USER, "Hi"),
                new ChatMessage(Role.TOOL, List.of(new TextPart("x")), null, List.of(), "call_unknown"))),
                GeminiImages.DATA_URLS), InvalidMessageException.class);

        assertThat(e).isNotInstanceOf(GeminiUnsupportedException.class);
        assertThat(e.getMessage()).contains("call_unknown").contains("function name");
    }

    @Test
    void whatGeminiCannotDoIsUnsupported() {
        ChatMessage imageResult = new ChatMessage(Role.TOOL, List.of(new ImagePart("data:image/png;base64,AA==", null)),
                null, List.of(), "c1");
        ChatMessage call = new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(new ToolCall("c1", "f", "{}")),
                null);

        assertThat(catchThrowableOfType(() -> GeminiRequests.encode(request(List.of(ChatMessage.text(Role.USER, "Hi"),
                call, imageResult)), GeminiImages.DATA_URLS), GeminiUnsupportedException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> GeminiRequests.encode(new ChatRequest("m",
                List.of(ChatMessage.text(Role.USER, "Hi")), null, null, null, new ResponseFormat("xml", null), false,
                null), GeminiImages.DATA_URLS), GeminiUnsupportedException.class)).isNotNull();
    }

    @Test
    void aConversationOfOnlySystemMessagesIsRejected() {
        InvalidMessageException e = catchThrowableOfType(() -> GeminiRequests.encode(request(List.of(
                ChatMessage.text(Role.SYSTEM, "Be brief."))), GeminiImages.DATA_URLS), InvalidMessageException.class);

        assertThat(e.getMessage()).contains("at least one");
    }
}
