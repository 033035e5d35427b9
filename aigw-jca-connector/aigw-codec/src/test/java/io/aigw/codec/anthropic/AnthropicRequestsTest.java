package io.aigw.codec.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.CacheControl;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.ResponseFormat;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolDefinition;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicRequestsTest {

    private static JsonObject json(String text) {
        return JsonText.parseObject(text);
    }

    private static ChatRequest decode(String text) {
        return AnthropicRequests.decode(json(text));
    }

    private static InvalidMessageException decodeFails(String text) {
        InvalidMessageException e = catchThrowableOfType(() -> decode(text), InvalidMessageException.class);
        assertThat(e).as("decoding must fail").isNotNull();
        return e;
    }

    private static InvalidMessageException encodeFails(ChatRequest r) {
        InvalidMessageException e = catchThrowableOfType(() -> AnthropicRequests.encode(r),
                InvalidMessageException.class);
        assertThat(e).as("encoding must fail").isNotNull();
        return e;
    }

    private static ChatMessage message(Role role, String text) {
        return ChatMessage.text(role, text);
    }

    /** A neutral request as the OpenAI side decodes it. */
    private static ChatRequest neutral(List<ChatMessage> messages, GenerationOptions options,
                                       Map<String, Object> extensions) {
        return new ChatRequest("claude-x", messages, options, null, null, null, false, extensions);
    }

    // ---------------------------------------------------------------- decode

    @Test
    void decodesAStringSystemAsALeadingSystemMessage() {
        ChatRequest r = decode("""
                {"model":"claude-3-5-haiku","max_tokens":100,"system":"Be brief.",
                 "messages":[{"role":"user","content":"Hello"}]}
                """);

        assertThat(r.model()).isEqualTo("claude-3-5-haiku");
        assertThat(r.messages()).containsExactly(message(Role.SYSTEM, "Be brief."), message(Role.USER, "Hello"));
        assertThat(r.stream()).isFalse();
        assertThat(r.extensions()).isEmpty();
    }

    @Test
    void decodesSystemTextBlocksAsOneSystemMessageWithTheirParts() {
        ChatRequest r = decode("""
                {"model":"m","max_tokens":100,
                 "system":[{"type":"text","text":"Be brief."},{"type":"text","text":" Be kind."}],
                 "messages":[{"role":"user","content":"Hello"}]}
                """);

        assertThat(r.messages()).containsExactly(
                new ChatMessage(Role.SYSTEM, List.of(new TextPart("Be brief."), new TextPart(" Be kind.")), null,
                        List.of(), null),
                message(Role.USER, "Hello"));
        assertThat(r.messages().get(0).text()).isEqualTo("Be brief. Be kind.");
        assertThat(r.extensions()).doesNotContainKey("anthropic.system");
    }

    @Test
    void carriesCacheBreakpointsAndToolErrorsThroughTheNeutralForm() {
        ChatRequest r = decode("""
                {"model":"m","max_tokens":100,
                 "system":[{"type":"text","text":"Rules"},
                           {"type":"text","text":"Long context","cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "tools":[{"name":"lookup","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}],
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"Find it","cache_control":{"type":"ephemeral"}}]},
                   {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"not found",
                     "is_error":true,"cache_control":{"type":"ephemeral"}}]}]}
                """);

        assertThat(r.extensions()).isEmpty();
        assertThat(r.messages().get(0).content()).containsExactly(new TextPart("Rules"),
                new TextPart("Long context", new CacheControl("1h")));
        assertThat(r.tools().get(0).cacheControl()).isEqualTo(CacheControl.DEFAULT);
        assertThat(r.messages().get(1).content()).containsExactly(new TextPart("Find it", CacheControl.DEFAULT));
        ChatMessage toolResult = r.messages().get(3);
        assertThat(toolResult.toolError()).isTrue();
        assertThat(toolResult.content()).containsExactly(new TextPart("not found", CacheControl.DEFAULT));

        JsonObject encoded = AnthropicRequests.encode(r);

        assertThat(encoded.get("system")).isEqualTo(json("""
                {"system":[{"type":"text","text":"Rules"},
                 {"type":"text","text":"Long context","cache_control":{"type":"ephemeral","ttl":"1h"}}]}""")
                .get("system"));
        assertThat(encoded.getJsonArray("tools").getJsonObject(0).get("cache_control"))
                .isEqualTo(json("{\"type\":\"ephemeral\"}"));
        assertThat(encoded.getJsonArray("messages").getJsonObject(0).getJsonArray("content").getJsonObject(0))
                .isEqualTo(json("{\"type\":\"text\",\"text\":\"Find it\",\"cache_control\":{\"type\":\"ephemeral\"}}"));
        assertThat(encoded.getJsonArray("messages").getJsonObject(2).getJsonArray("content").getJsonObject(0))
                .isEqualTo(json("""
                        {"type":"tool_result","tool_use_id":"toolu_1","is_error":true,
                         "content":[{"type":"text","text":"not found","cache_control":{"type":"ephemeral"}}]}"""));
    }

    @Test
    void rejectsAnUnknownCacheControlType() {
        InvalidMessageException e = decodeFails("""
                {"model":"m","max_tokens":100,"messages":[{"role":"user","content":[
                  {"type":"text","text":"x","cache_control":{"type":"forever"}}]}]}
                """);

        assertThat(e.param()).isEqualTo("messages.0.content[0].cache_control.type");
    }

    @Test
    void encodesOneSystemTextAsAStringAndSeveralAsBlocks() {
        ChatRequest r = decode("""
                {"model":"m","max_tokens":100,"system":[{"type":"text","text":"A"},{"type":"text","text":"B"}],
                 "messages":[{"role":"user","content":"Hello"}]}
                """);

        assertThat(AnthropicRequests.encode(r).get("system")).isEqualTo(json("""
                {"system":[{"type":"text","text":"A"},{"type":"text","text":"B"}]}""").get("system"));
        assertThat(AnthropicRequests.encode(decode("""
                {"model":"m","max_tokens":100,"system":"Be brief.","messages":[{"role":"user","content":"Hi"}]}
                """)).getString("system")).isEqualTo("Be brief.");
    }

    @Test
    void decodesStringAndBlockContentOfUserAndAssistantMessages() {
        ChatRequest r = decode("""
                {"model":"m","max_tokens":100,"messages":[
                  {"role":"user","content":[
                    {"type":"text","text":"What is this?"},
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                    {"type":"image","source":{"type":"url","url":"https://example.com/cat.png"}}
                  ]},
                  {"role":"assistant","content":"A cat."},
                  {"role":"user","content":[{"type":"text","text":"Thanks"}]}
                ]}
                """);

        assertThat(r.messages()).containsExactly(
                new ChatMessage(Role.USER, List.of(new TextPart("What is this?"),
                        new ImagePart("data:image/png;base64,iVBORw0KGgo=", null),
                        new ImagePart("https://example.com/cat.png", null)), null, List.of(), null),
                message(Role.ASSISTANT, "A cat."),
                message(Role.USER, "Thanks"));
        assertThat(((ImagePart) r.messages().get(0).content().get(1)).inline()).isTrue();
    }

    @Test
    void decodesToolUseAsToolCallsAndToolResultsAsToolMessages() {
        ChatRequest r = decode("""
                {"model":"m","max_tokens":100,"messages":[
                  {"role":"user","content":"Weather in Paris?"},
                  {"role":"assistant","content":[
                    {"type":"thinking","thinking":"I should call the tool.","signature":"sig"},
                    {"type":"text","text":"Let me check."},
                    {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris","days":2}}
                  ]},
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},
                    {"type":"text","text":"And tomorrow?"}
                  ]}
                ]}
                """);

        assertThat(r.messages()).hasSize(4);
        ChatMessage assistant = r.messages().get(1);
        assertThat(assistant.role()).isEqualTo(Role.ASSISTANT);
        // the signed thinking block is kept, in its place, for the Anthropic upstream that signed it
        assertThat(assistant.content()).containsExactly(new ReasoningPart("I should call the tool.", "sig", null),
                new TextPart("Let me check."));
        assertThat(assistant.text()).isEqualTo("Let me check.");
        assertThat(assistant.toolCalls()).hasSize(1);
        ToolCall call = assistant.toolCalls().get(0);
        assertThat(call.id()).isEqualTo("toolu_1");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(json(call.arguments())).isEqualTo(json("{\"city\":\"Paris\",\"days\":2}"));
        // one user message mixing tool_result and text: the TOOL message first, then the USER message
        assertThat(r.messages().get(2)).isEqualTo(
                new ChatMessage(Role.TOOL, List.of(new TextPart("sunny")), null, List.of(), "toolu_1"));
        assertThat(r.messages().get(3)).isEqualTo(message(Role.USER, "And tomorrow?"));
    }

    @Test
    void decodesToolResultBlockContentAndAMissingContent() {
        ChatRequest r = decode("""
                {"model":"m","max_tokens":100,"messages":[
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18 C"}]},
                    {"type":"tool_result","tool_use_id":"toolu_2"}
                  ]}
                ]}
                """);

        assertThat(r.messages()).containsExactly(
                new ChatMessage(Role.TOOL, List.of(new TextPart("18 C")), null, List.of(), "toolu_1"),
                new ChatMessage(Role.TOOL, List.of(new TextPart("")), null, List.of(), "toolu_2"));
    }

    @Test
    void thinkingBlocksTravelBackToAnthropicSignedAndUnchangedAndNowhereElse() {
        ChatRequest r = decode("""
                {"model":"m","max_tokens":100,"messages":[
                  {"role":"user","content":"Hi"},
                  {"role":"assistant","content":[{"type":"redacted_thinking","data":"xyz"},
                    {"type":"thinking","thinking":"Plan.","signature":"EqQBCkYIBx"},
                    {"type":"tool_use","id":"toolu_1","name":"f","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}
                ]}
                """);

        assertThat(r.messages().get(1).content()).containsExactly(new ReasoningPart(null, null, "xyz"),
                new ReasoningPart("Plan.", "EqQBCkYIBx", null));
        JsonObject assistant = AnthropicRequests.encode(r).getJsonArray("messages").getJsonObject(1);
        assertThat(assistant.get("content")).isEqualTo(json("""
                {"c":[{"type":"redacted_thinking","data":"xyz"},
                      {"type":"thinking","thinking":"Plan.","signature":"EqQBCkYIBx"},
                      {"type":"tool_use","id":"toolu_1","name":"f","input":{}}]}""").get("c"));
        // unsigned reasoning (another provider's) is not sent to Anthropic, which would refuse it
        ChatRequest foreign = new ChatRequest("m", List.of(message(Role.USER, "Hi"), new ChatMessage(Role.ASSISTANT,
                List.of(new ReasoningPart("Gemini's thoughts", null, null), new TextPart("Hello")), null, List.of(),
                null), message(Role.USER, "Again")), null, null, null, null, false, null);
        assertThat(AnthropicRequests.encode(foreign).getJsonArray("messages").getJsonObject(1).get("content"))
                .isEqualTo(json("{\"c\":[{\"type\":\"text\",\"text\":\"Hello\"}]}").get("c"));
    }

    @Test
    void decodesToolsAndOptionsAndKeepsUnmodelledFieldsAsPrefixedExtensions() {
        ChatRequest r = decode("""
                {"model":"m","max_tokens":256,"temperature":0.3,"top_p":0.8,"stop_sequences":["END","STOP"],
                 "stream":true,"top_k":40,"metadata":{"user_id":"u-1"},
                 "tools":[{"name":"get_weather","description":"Weather for a city",
                           "input_schema":{"type":"object","properties":{"city":{"type":"string"}},
                                           "required":["city"]}},
                          {"name":"ping","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"auto"},
                 "messages":[{"role":"user","content":"Hi"}]}
                """);

        assertThat(r.options()).isEqualTo(new GenerationOptions(0.3, 0.8, 256, List.of("END", "STOP"), null));
        assertThat(r.stream()).isTrue();
        assertThat(r.tools()).containsExactly(
                new ToolDefinition("get_weather", "Weather for a city", Map.of("type", "object",
                        "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")), null),
                new ToolDefinition("ping", null, Map.of("type", "object"), null));
        assertThat(r.toolChoice()).isEqualTo("auto");
        assertThat(r.responseFormat()).isNull();
        assertThat(r.extensions()).containsOnly(entry("anthropic.top_k", 40L),
                entry("anthropic.metadata", Map.of("user_id", "u-1")));
    }

    @Test
    void decodesEveryToolChoiceInTheNeutralForm() {
        String template = """
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"tool_choice":%s}
                """;

        assertThat(decode(template.formatted("{\"type\":\"auto\"}")).toolChoice()).isEqualTo("auto");
        assertThat(decode(template.formatted("{\"type\":\"any\"}")).toolChoice()).isEqualTo("required");
        assertThat(decode(template.formatted("{\"type\":\"none\"}")).toolChoice()).isEqualTo("none");
        assertThat(decode(template.formatted("{\"type\":\"tool\",\"name\":\"get_weather\"}")).toolChoice())
                .isEqualTo(Map.of("type", "function", "function", Map.of("name", "get_weather")));
        assertThat(decode(template.formatted("null")).toolChoice()).isNull();
    }

    @Test
    void rejectsAMissingMaxTokens() {
        InvalidMessageException e = decodeFails("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}]}
                """);

        assertThat(e.getMessage()).isEqualTo("max_tokens: Field required");
        assertThat(e.param()).isEqualTo("max_tokens");
    }

    @Test
    void rejectsMaxTokensBelowOne() {
        InvalidMessageException e = decodeFails("""
                {"model":"m","max_tokens":0,"messages":[{"role":"user","content":"Hi"}]}
                """);

        assertThat(e.getMessage()).contains("greater than or equal to 1");
        assertThat(e.param()).isEqualTo("max_tokens");
    }

    @Test
    void rejectsMissingMessagesAndOnlyASystemPrompt() {
        InvalidMessageException missing = decodeFails("""
                {"model":"m","max_tokens":10,"system":"Be brief."}
                """);
        InvalidMessageException empty = decodeFails("""
                {"model":"m","max_tokens":10,"system":"Be brief.","messages":[]}
                """);

        assertThat(missing.getMessage()).isEqualTo("messages: Field required");
        assertThat(missing.param()).isEqualTo("messages");
        assertThat(empty.param()).isEqualTo("messages");
    }

    @Test
    void rejectsASystemRoleInsideMessages() {
        InvalidMessageException e = decodeFails("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"Hi"},
                 {"role":"system","content":"Be brief."}]}
                """);

        assertThat(e.param()).isEqualTo("messages.1.role");
        assertThat(e.getMessage()).contains("'user' or 'assistant'");
    }

    @Test
    void rejectsAnUnknownBlockType() {
        InvalidMessageException e = decodeFails("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":[
                  {"type":"text","text":"Hi"},{"type":"document","source":{"type":"text","data":"x"}}]}]}
                """);

        assertThat(e.param()).isEqualTo("messages.0.content[1].type");
        assertThat(e.getMessage()).contains("'document'");
    }

    @Test
    void rejectsAnImageWithoutSource() {
        InvalidMessageException e = decodeFails("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"image"}]}]}
                """);

        assertThat(e.param()).isEqualTo("messages.0.content[0].source");
    }

    @Test
    void rejectsAnUnknownToolChoiceType() {
        InvalidMessageException e = decodeFails("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],
                 "tool_choice":{"type":"bogus"}}
                """);

        assertThat(e.param()).isEqualTo("tool_choice.type");
        assertThat(e.getMessage()).contains("'bogus'");
    }

    @Test
    void rejectsAToolWithoutInputSchema() {
        InvalidMessageException e = decodeFails("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"name":"ping"}]}
                """);

        assertThat(e.param()).isEqualTo("tools.0.input_schema");
    }

    // ---------------------------------------------------------------- encode

    @Test
    void aDecodedRequestEncodesBackToTheSameAnthropicJson() {
        JsonObject original = json("""
                {"model":"claude-x","max_tokens":512,
                 "system":[{"type":"text","text":"Cached context","cache_control":{"type":"ephemeral"}}],
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},
                     {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}},
                     {"type":"image","source":{"type":"url","url":"https://example.com/map.png"}}]},
                   {"role":"assistant","content":[{"type":"text","text":"Checking."},
                     {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                   {"role":"user","content":[
                     {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"sunny"}]},
                     {"type":"text","text":"Thanks"}]}
                 ],
                 "tools":[{"name":"get_weather","description":"Weather for a city",
                           "input_schema":{"type":"object","properties":{"city":{"type":"string"}},
                                           "required":["city"]}}],
                 "tool_choice":{"type":"tool","name":"get_weather"},
                 "stop_sequences":["END"],
                 "top_k":5,
                 "stream":true}
                """);

        JsonObject encoded = AnthropicRequests.encode(AnthropicRequests.decode(original));

        for (String field : List.of("model", "max_tokens", "system", "messages", "tools", "tool_choice",
                "stop_sequences", "top_k", "stream")) {
            assertThat(encoded.get(field)).as(field).isEqualTo(original.get(field));
        }
        assertThat(encoded.keySet()).containsExactlyInAnyOrderElementsOf(original.keySet());
    }

    @Test
    void roundTripsEveryToolChoice() {
        for (String choice : List.of("{\"type\":\"auto\"}", "{\"type\":\"any\"}", "{\"type\":\"none\"}",
                "{\"type\":\"tool\",\"name\":\"f\"}")) {
            JsonObject original = json("""
                    {"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
                     "tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":%s}
                    """.formatted(choice));

            JsonObject encoded = AnthropicRequests.encode(AnthropicRequests.decode(original));

            assertThat(encoded.getJsonObject("tool_choice")).as(choice).isEqualTo(original.get("tool_choice"));
        }
    }

    @Test
    void joinsSystemAndDeveloperMessagesIntoTheSystemField() {
        ChatRequest r = neutral(List.of(message(Role.SYSTEM, "Be brief."), message(Role.USER, "Hi"),
                message(Role.DEVELOPER, "Answer in French.")), new GenerationOptions(0.5, 0.9, 64, List.of("X"), null),
                Map.of());

        JsonObject body = AnthropicRequests.encode(r);

        assertThat(body.getString("system")).isEqualTo("Be brief.\n\nAnswer in French.");
        assertThat(body.getJsonArray("messages")).isEqualTo(json("""
                {"m":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}
                """).getJsonArray("m"));
        assertThat(body.getInt("max_tokens")).isEqualTo(64);
        assertThat(body.getJsonNumber("temperature").doubleValue()).isEqualTo(0.5);
        assertThat(body.getJsonNumber("top_p").doubleValue()).isEqualTo(0.9);
        assertThat(body.getJsonArray("stop_sequences").getString(0)).isEqualTo("X");
        assertThat(body.containsKey("stream")).isFalse();
        assertThat(body.containsKey("tools")).isFalse();
        assertThat(body.containsKey("tool_choice")).isFalse();
    }

    @Test
    void encodesToolCallsAsToolUseAndMergesConsecutiveToolResultsIntoOneUserMessage() {
        ChatRequest r = new ChatRequest("claude-x", List.of(
                message(Role.USER, "Weather in Paris and Rome?"),
                new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(
                        new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}")), null),
                new ChatMessage(Role.TOOL, List.of(new TextPart("sunny")), null, List.of(), "call_1"),
                new ChatMessage(Role.TOOL, List.of(new TextPart("rainy")), null, List.of(), "call_2"),
                message(Role.USER, "Thanks")),
                GenerationOptions.DEFAULTS, List.of(new ToolDefinition("get_weather", null, null, true)), "required",
                null, true, Map.of());

        JsonObject body = AnthropicRequests.encode(r);

        assertThat(body.getJsonArray("messages")).isEqualTo(json("""
                {"m":[
                  {"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"}]},
                  {"role":"assistant","content":[
                    {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},
                    {"type":"tool_use","id":"call_2","name":"get_weather","input":{"city":"Rome"}}]},
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"call_1","content":[{"type":"text","text":"sunny"}]},
                    {"type":"tool_result","tool_use_id":"call_2","content":[{"type":"text","text":"rainy"}]},
                    {"type":"text","text":"Thanks"}]}
                ]}
                """).getJsonArray("m"));
        assertThat(body.getInt("max_tokens")).isEqualTo(AnthropicRequests.DEFAULT_MAX_TOKENS);
        assertThat(body.containsKey("system")).isFalse();
        assertThat(body.getJsonArray("tools")).isEqualTo(json("""
                {"t":[{"name":"get_weather","input_schema":{"type":"object"}}]}
                """).getJsonArray("t"));
        assertThat(body.getJsonObject("tool_choice")).isEqualTo(json("{\"type\":\"any\"}"));
        assertThat(body.getBoolean("stream")).isTrue();
    }

    @Test
    void encodesTheNeutralToolChoices() {
        for (Map.Entry<Object, String> c : Map.<Object, String>of("auto", "{\"type\":\"auto\"}",
                "none", "{\"type\":\"none\"}", "required", "{\"type\":\"any\"}",
                Map.of("type", "function", "function", Map.of("name", "f")), "{\"type\":\"tool\",\"name\":\"f\"}")
                .entrySet()) {
            ChatRequest r = new ChatRequest("m", List.of(message(Role.USER, "Hi")), null,
                    List.of(new ToolDefinition("f", "does f", Map.of("type", "object"), null)), c.getKey(), null,
                    false, Map.of());

            assertThat(AnthropicRequests.encode(r).getJsonObject("tool_choice")).as(String.valueOf(c.getKey()))
                    .isEqualTo(json(c.getValue()));
        }
    }

    @Test
    void rejectsMoreThanOneChoice() {
        InvalidMessageException e = encodeFails(neutral(List.of(message(Role.USER, "Hi")),
                new GenerationOptions(null, null, null, List.of(), 2), Map.of()));

        assertThat(e.param()).isEqualTo("n");
    }

    @Test
    void acceptsOneChoiceAndATextResponseFormat() {
        ChatRequest r = new ChatRequest("m", List.of(message(Role.USER, "Hi")),
                new GenerationOptions(null, null, null, List.of(), 1), null, null, new ResponseFormat("text", null),
                false, Map.of());

        assertThat(AnthropicRequests.encode(r).containsKey("n")).isFalse();
    }

    @Test
    void rejectsAJsonResponseFormat() {
        ChatRequest r = new ChatRequest("m", List.of(message(Role.USER, "Hi")), null, null, null,
                new ResponseFormat("json_object", null), false, Map.of());

        InvalidMessageException e = encodeFails(r);

        assertThat(e.param()).isEqualTo("response_format");
        assertThat(e.getMessage()).contains("json_object");
    }

    @Test
    void sendsOnlyAnthropicExtensionsWithoutTheirPrefix() {
        ChatRequest r = neutral(List.of(message(Role.USER, "Hi")), GenerationOptions.DEFAULTS,
                Map.of("seed", 42L, "user", "u-1", "anthropic.top_k", 7L, "openai.logit_bias", Map.of("1", 2L)));

        JsonObject body = AnthropicRequests.encode(r);

        assertThat(body.keySet()).containsExactlyInAnyOrder("model", "max_tokens", "messages", "top_k");
        assertThat(body.getInt("top_k")).isEqualTo(7);
    }

    @Test
    void modelledFieldsWinOverAnthropicExtensions() {
        ChatRequest r = neutral(List.of(message(Role.USER, "Hi")),
                new GenerationOptions(null, null, 10, List.of(), null), Map.of("anthropic.max_tokens", 99L));

        assertThat(AnthropicRequests.encode(r).getInt("max_tokens")).isEqualTo(10);
    }

    @Test
    void encodesDataUrlImagesAsBase64SourcesAndOtherUrlsAsUrlSources() {
        ChatRequest r = neutral(List.of(new ChatMessage(Role.USER, List.of(new TextPart("Compare"),
                new ImagePart("data:image/webp;base64,UklGRg==", "high"),
                new ImagePart("https://example.com/b.png", null)), null, List.of(), null)),
                GenerationOptions.DEFAULTS, Map.of());

        JsonObject body = AnthropicRequests.encode(r);

        assertThat(body.getJsonArray("messages").getJsonObject(0).getJsonArray("content")).isEqualTo(json("""
                {"c":[{"type":"text","text":"Compare"},
                      {"type":"image","source":{"type":"base64","media_type":"image/webp","data":"UklGRg=="}},
                      {"type":"image","source":{"type":"url","url":"https://example.com/b.png"}}]}
                """).getJsonArray("c"));
    }

    @Test
    void rejectsADataUrlThatIsNotBase64() {
        InvalidMessageException e = encodeFails(neutral(List.of(new ChatMessage(Role.USER,
                List.of(new ImagePart("data:image/svg+xml,%3Csvg%3E", null)), null, List.of(), null)),
                GenerationOptions.DEFAULTS, Map.of()));

        assertThat(e.getMessage()).contains("base64");
    }

    @Test
    void rejectsToolCallArgumentsThatAreNotAJsonObject() {
        for (String arguments : List.of("{\"city\":", "[1,2]", "\"Paris\"")) {
            ChatRequest r = neutral(List.of(message(Role.USER, "Weather?"), new ChatMessage(Role.ASSISTANT,
                    List.of(), null, List.of(new ToolCall("call_1", "get_weather", arguments)), null)),
                    GenerationOptions.DEFAULTS, Map.of());

            InvalidMessageException e = encodeFails(r);

            assertThat(e.getMessage()).as(arguments).contains("get_weather");
        }
    }

    @Test
    void encodesEmptyToolCallArgumentsAsAnEmptyInput() {
        ChatRequest r = neutral(List.of(message(Role.USER, "Ping?"), new ChatMessage(Role.ASSISTANT, List.of(), null,
                List.of(new ToolCall("call_1", "ping", "")), null)), GenerationOptions.DEFAULTS, Map.of());

        JsonObject toolUse = AnthropicRequests.encode(r).getJsonArray("messages").getJsonObject(1)
                .getJsonArray("content").getJsonObject(0);

        assertThat(toolUse.getJsonObject("input")).isEmpty();
    }
}
