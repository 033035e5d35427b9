package io.aigw.policy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ResponseFormat;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What makes two requests the same cached answer: everything but whether the answer is streamed. */
class CacheKeyTest {

    private static final String TENANT = "acme";
    private static final String FORMAT = "/v1/chat/completions";
    private static final String ROUTE = "support@3";
    private static final List<ChatMessage> MESSAGES = List.of(ChatMessage.text(Role.SYSTEM, "Be brief."),
            ChatMessage.text(Role.USER, "What is the capital of France?"));
    private static final GenerationOptions OPTIONS = new GenerationOptions(0.2, null, 100, List.of(), null);
    private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "The weather in a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))), null);

    private static final ChatRequest REQUEST = request(MESSAGES, OPTIONS, List.of(), false, Map.of("seed", 7));
    private static final String KEY = CacheKey.of(TENANT, FORMAT, ROUTE, REQUEST);

    @Test
    void theKeyIsAHexSha256AndTheSameEachTime() {
        assertThat(KEY).matches("[0-9a-f]{64}");
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(MESSAGES, OPTIONS, List.of(), false,
                Map.of("seed", 7)))).isEqualTo(KEY);
    }

    @Test
    void streamedOrNotTheSameRequestHasTheSameKey() {
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(MESSAGES, OPTIONS, List.of(), true, Map.of("seed", 7))))
                .isEqualTo(KEY);
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(MESSAGES, OPTIONS, List.of(), true,
                Map.of("seed", 7, "stream_options", Map.of("include_usage", true))))).isEqualTo(KEY);
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(MESSAGES, OPTIONS, List.of(), false,
                Map.of("stream_options", Map.of("include_usage", false), "seed", 7)))).isEqualTo(KEY);
    }

    @Test
    void theModelTheRequestNamesIsReplacedByTheRouteGiven() {
        ChatRequest renamed = new ChatRequest("gpt-4o", MESSAGES, OPTIONS, List.of(), null, null, false,
                Map.of("seed", 7));
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, renamed)).isEqualTo(KEY);
    }

    @Test
    void theTenantFormatAndRouteEachChangeTheKey() {
        assertThat(CacheKey.of("globex", FORMAT, ROUTE, REQUEST)).isNotEqualTo(KEY);
        assertThat(CacheKey.of(TENANT, "/v1/messages", ROUTE, REQUEST)).isNotEqualTo(KEY);
        assertThat(CacheKey.of(TENANT, FORMAT, "support@4", REQUEST)).isNotEqualTo(KEY);
        assertThat(CacheKey.of(TENANT, FORMAT, "other@3", REQUEST)).isNotEqualTo(KEY);
        // the parts are kept apart: "ab" + "c" is not "a" + "bc"
        assertThat(CacheKey.of("ab", "c", ROUTE, REQUEST)).isNotEqualTo(CacheKey.of("a", "bc", ROUTE, REQUEST));
    }

    @Test
    void anythingThatChangesTheAnswerChangesTheKey() {
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(MESSAGES,
                new GenerationOptions(0.3, null, 100, List.of(), null), List.of(), false, Map.of("seed", 7))))
                .as("temperature").isNotEqualTo(KEY);
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(MESSAGES,
                new GenerationOptions(0.2, null, 101, List.of(), null), List.of(), false, Map.of("seed", 7))))
                .as("max_tokens").isNotEqualTo(KEY);
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(List.of(MESSAGES.get(0),
                ChatMessage.text(Role.USER, "What is the capital of Italy?")), OPTIONS, List.of(), false,
                Map.of("seed", 7)))).as("message text").isNotEqualTo(KEY);
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(List.of(ChatMessage.text(Role.USER, "Be brief."),
                MESSAGES.get(1)), OPTIONS, List.of(), false, Map.of("seed", 7)))).as("role")
                .isNotEqualTo(KEY);
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(MESSAGES, OPTIONS, List.of(WEATHER), false,
                Map.of("seed", 7)))).as("tools").isNotEqualTo(KEY);
        ToolDefinition otherSchema = new ToolDefinition("get_weather", "The weather in a city",
                Map.of("type", "object", "properties", Map.of("town", Map.of("type", "string"))), null);
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(MESSAGES, OPTIONS, List.of(otherSchema), false,
                Map.of("seed", 7)))).as("tool schema").isNotEqualTo(CacheKey.of(TENANT, FORMAT, ROUTE,
                request(MESSAGES, OPTIONS, List.of(WEATHER), false, Map.of("seed", 7))));
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, new ChatRequest("m", MESSAGES, OPTIONS, List.of(WEATHER),
                "required", null, false, Map.of("seed", 7)))).as("tool choice").isNotEqualTo(CacheKey.of(TENANT,
                FORMAT, ROUTE, request(MESSAGES, OPTIONS, List.of(WEATHER), false, Map.of("seed", 7))));
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, new ChatRequest("m", MESSAGES, OPTIONS, List.of(), null,
                new ResponseFormat("json_object", null), false, Map.of("seed", 7)))).as("response format")
                .isNotEqualTo(KEY);
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, request(MESSAGES, OPTIONS, List.of(), false,
                Map.of("seed", 8)))).as("an extension").isNotEqualTo(KEY);
    }

    @Test
    void textThatLooksLikeAPartBoundaryIsNotTheSameRequestAsTwoParts() {
        ChatRequest twoParts = request(List.of(new ChatMessage(Role.USER, List.of(new TextPart("x"),
                new TextPart("y")), null, List.of(), null)), OPTIONS, List.of(), false, Map.of());
        ChatRequest onePart = request(List.of(new ChatMessage(Role.USER, List.of(
                new TextPart("x, cacheControl=null], TextPart[text=y")), null, List.of(), null)), OPTIONS, List.of(),
                false, Map.of());
        assertThat(CacheKey.of(TENANT, FORMAT, ROUTE, onePart)).isNotEqualTo(CacheKey.of(TENANT, FORMAT, ROUTE,
                twoParts));
    }

    private static ChatRequest request(List<ChatMessage> messages, GenerationOptions options,
            List<ToolDefinition> tools, boolean stream, Map<String, Object> extensions) {
        return new ChatRequest("support", messages, options, tools, null, null, stream, extensions);
    }
}
