package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.models.ModelListPage;
import com.anthropic.models.models.ModelListParams;
import com.fasterxml.jackson.core.type.TypeReference;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import io.aigw.it.support.Gateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official provider Java SDKs — OpenAI's {@code openai-java} and Anthropic's {@code anthropic-java}, written by
 * others, over their default OkHttp transport (HTTP/1.1) with strict response validation on — work against the
 * gateway through their typed objects: plain and streamed chat / messages with exact text, finish or stop reason and
 * usage (streams rebuilt by the SDKs' own accumulators), two parallel tool calls with their arguments, embeddings
 * (the SDK's default base64 as well as floats), the model lists (Anthropic's paged with the SDK's own cursor logic,
 * which follows {@code last_id} until a page comes back empty), and the SDKs' typed exceptions for a bad key, an
 * unknown model and an upstream rate limit; each SDK reaching the OpenAI, Anthropic, Gemini and Bedrock upstreams.
 */
class OfficialJavaSdksIT extends GatewayIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PROMPT = "Say hello";
    private static final String WEATHER_PROMPT = "What is the weather in Paris and Rome?";
    private static final String LOCAL_EMBEDDINGS = "local/all-minilm-l6-v2";
    private static final String TOOL = "get_weather";

    /** An upstream reached through the gateway: the model a client names and what the fake answers. */
    enum Provider {
        OPENAI("openai/gpt-4o-mini", "gpt-4o-mini", null),
        ANTHROPIC("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5", "Let me check."),
        GEMINI("gemini/gemini-2.5-flash", "gemini-2.5-flash", "Let me check."),
        BEDROCK("bedrock/anthropic.claude-3-5-haiku-20241022-v1:0", "anthropic.claude-3-5-haiku-20241022-v1:0",
                "Let me check.");

        final String model;
        final String upstreamModel;
        /** The text the upstream's fake sends before its tool calls, or {@code null} for none. */
        final String toolPreamble;

        Provider(String model, String upstreamModel, String toolPreamble) {
            this.model = model;
            this.upstreamModel = upstreamModel;
            this.toolPreamble = toolPreamble;
        }

        String hello() {
            return "Hello from " + upstreamModel + ".";
        }
    }

    private String root() {
        return "http://" + url.getHost() + ":" + url.getPort();
    }

    // ------------------------------------------------------------------------------------------------ OpenAI SDK

    private OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(root() + "/v1").apiKey(key).maxRetries(0).timeout(TIMEOUT)
                .responseValidation(true).build();
    }

    private static ChatCompletionCreateParams.Builder chat(String model, String prompt) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt);
    }

    private static ChatCompletionFunctionTool weatherFunction() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name(TOOL)
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build()).build();
    }

    private static void assertUsage(CompletionUsage usage, long prompt, long completion) {
        assertThat(usage.promptTokens()).as("prompt tokens").isEqualTo(prompt);
        assertThat(usage.completionTokens()).as("completion tokens").isEqualTo(completion);
        assertThat(usage.totalTokens()).as("total tokens").isEqualTo(prompt + completion);
    }

    @ParameterizedTest(name = "OpenAI SDK -> {0}: chat, plain and streamed")
    @EnumSource(Provider.class)
    void openAiSdkChatsPlainAndStreamed(Provider provider) {
        OpenAIClient client = openAi(Gateway.ADMIN_KEY);

        ChatCompletion plain = client.chat().completions().create(chat(provider.model, PROMPT).build());
        assertThat(plain.choices()).hasSize(1);
        ChatCompletion.Choice choice = plain.choices().get(0);
        assertThat(choice.index()).isZero();
        assertThat(choice.message().content()).contains(provider.hello());
        assertThat(choice.message().toolCalls().orElse(List.of())).isEmpty();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertUsage(plain.usage().orElseThrow(), 2, 3);

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk.Choice.Delta.Role> roles = new ArrayList<>();
        List<ChatCompletion.Choice.FinishReason> finishes = new ArrayList<>();
        List<CompletionUsage> usages = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                chat(provider.model, PROMPT)
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                accumulator.accumulate(chunk);
                ids.add(chunk.id());
                chunk.usage().ifPresent(usages::add);
                if (chunk.usage().isPresent()) {
                    assertThat(chunk.choices()).as("the usage chunk has no choices").isEmpty();
                }
                for (ChatCompletionChunk.Choice c : chunk.choices()) {
                    c.delta().role().ifPresent(role -> {
                        assertThat(text).as("the role comes before the content").isEmpty();
                        roles.add(role);
                    });
                    c.delta().content().ifPresent(text::append);
                    c.finishReason().ifPresent(reason -> finishes.add(
                            ChatCompletion.Choice.FinishReason.of(reason.asString())));
                }
            });
        }
        assertThat(text.toString()).isEqualTo(provider.hello());
        assertThat(roles).containsExactly(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        assertThat(finishes).containsExactly(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(ids).as("one completion id across the stream").isNotEmpty().containsOnly(ids.get(0));
        assertThat(usages).as("include_usage gives one usage chunk").hasSize(1);
        assertUsage(usages.get(0), 2, 3);

        ChatCompletion streamed = accumulator.chatCompletion();
        assertThat(streamed.choices()).hasSize(1);
        assertThat(streamed.choices().get(0).message().content()).contains(provider.hello());
        assertThat(streamed.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertUsage(streamed.usage().orElseThrow(), 2, 3);
    }

    private static void assertParallelWeatherCalls(ChatCompletion completion, Provider provider) {
        assertThat(completion.choices()).hasSize(1);
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(choice.message().content().filter(c -> !c.isEmpty()))
                .isEqualTo(java.util.Optional.ofNullable(provider.toolPreamble));
        List<ChatCompletionMessageFunctionToolCall> calls = choice.message().toolCalls().orElseThrow().stream()
                .map(ChatCompletionMessageToolCall::asFunction).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls).extracting(call -> call.function().name()).containsExactly(TOOL, TOOL);
        assertThat(calls).extracting(call -> Gateway.json(call.function().arguments())).containsExactly(
                Gateway.json("{\"city\":\"Paris\"}"), Gateway.json("{\"city\":\"Rome\"}"));
        assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id)
                .doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
    }

    @ParameterizedTest(name = "OpenAI SDK -> {0}: two parallel tool calls, plain and streamed")
    @EnumSource(Provider.class)
    void openAiSdkToolCallsPlainAndStreamed(Provider provider) {
        OpenAIClient client = openAi(Gateway.ADMIN_KEY);
        ChatCompletionCreateParams params = chat(provider.model, WEATHER_PROMPT).addTool(weatherFunction()).build();

        assertParallelWeatherCalls(client.chat().completions().create(params), provider);

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<Long> startedCalls = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                accumulator.accumulate(chunk);
                chunk.choices().forEach(c -> c.delta().toolCalls().orElse(List.of()).stream()
                        .filter(call -> call.id().isPresent()).forEach(call -> startedCalls.add(call.index())));
            });
        }
        assertThat(startedCalls).as("each call starts once, with its id, in order").containsExactly(0L, 1L);
        assertParallelWeatherCalls(accumulator.chatCompletion(), provider);
    }

    @Test
    void openAiSdkEmbedsWithBase64ByDefaultAndWithFloats() {
        OpenAIClient client = openAi(Gateway.ADMIN_KEY);
        EmbeddingCreateParams.Builder params = EmbeddingCreateParams.builder().model(LOCAL_EMBEDDINGS)
                .inputOfArrayOfStrings(List.of("hello world", "cat"));

        CreateEmbeddingResponse base64 = client.embeddings().create(params.build());
        assertThat(base64.data()).extracting(Embedding::index).containsExactly(0L, 1L);
        assertThat(base64.data()).allSatisfy(e -> assertThat(e.embedding()).hasSize(384));
        assertThat(base64.model()).isEqualTo(LOCAL_EMBEDDINGS);
        assertThat(base64.usage().promptTokens()).isPositive();
        assertThat(base64.usage().totalTokens()).isEqualTo(base64.usage().promptTokens());
        for (Embedding e : base64.data()) {
            double norm = Math.sqrt(e.embedding().stream().mapToDouble(x -> x * x).sum());
            assertThat(norm).as("all-MiniLM-L6-v2 vectors are normalised").isCloseTo(1.0, within(1e-3));
        }
        assertThat(base64.data().get(0).embedding()).isNotEqualTo(base64.data().get(1).embedding());

        CreateEmbeddingResponse floats = client.embeddings().create(
                params.encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
        assertThat(floats.data()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            List<Float> f = floats.data().get(i).embedding();
            List<Float> b = base64.data().get(i).embedding();
            assertThat(f).hasSize(384);
            for (int j = 0; j < 384; j++) {
                assertThat(f.get(j)).as("component %d of vector %d", j, i).isCloseTo(b.get(j), within(1e-6f));
            }
        }
    }

    @Test
    void openAiSdkListsTheConnectionsModels() {
        List<Model> models = StreamSupport.stream(
                openAi(Gateway.ADMIN_KEY).models().list().autoPager().spliterator(), false).toList();
        assertThat(models).extracting(Model::id).contains("openai/gpt-4o-mini", "openai/text-embedding-3-small",
                "anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-flash", LOCAL_EMBEDDINGS).doesNotHaveDuplicates();
        assertThat(models).allSatisfy(m -> assertThat(m.ownedBy()).isNotBlank());
    }

    @Test
    void openAiSdkRaisesItsTypedErrors() {
        assertThatThrownBy(() -> openAi("aigw-wrong-key").chat().completions().create(
                chat("openai/gpt-4o-mini", "x").build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
        OpenAIClient client = openAi(Gateway.ADMIN_KEY);
        assertThatThrownBy(() -> client.chat().completions().create(chat("nosuch-model", "x").build()))
                .as("a model no connection serves")
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.chat().completions().create(chat("openai/nosuch-model", "x").build()))
                .as("a model the upstream does not know")
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.chat().completions().create(chat("openai/fault-429", "x").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    chat("openai/fault-429", "x").build())) {
                stream.stream().forEach(chunk -> { });
            }
        }).as("a streamed request refused upstream").isInstanceOf(RateLimitException.class);
    }

    // --------------------------------------------------------------------------------------------- Anthropic SDK

    private AnthropicClient anthropic(String key) {
        return AnthropicOkHttpClient.builder().baseUrl(root()).apiKey(key).maxRetries(0).timeout(TIMEOUT)
                .responseValidation(true).build();
    }

    private static MessageCreateParams.Builder message(String model, String prompt) {
        return MessageCreateParams.builder().model(model).maxTokens(200).addUserMessage(prompt);
    }

    private static Tool weatherTool() {
        return Tool.builder().name(TOOL).inputSchema(Tool.InputSchema.builder()
                .properties(com.anthropic.core.JsonValue.from(Map.of("city", Map.of("type", "string")))).build())
                .build();
    }

    private static String eventName(RawMessageStreamEvent event) {
        if (event.isMessageStart()) {
            return "message_start";
        } else if (event.isContentBlockStart()) {
            return "content_block_start";
        } else if (event.isContentBlockDelta()) {
            return "content_block_delta";
        } else if (event.isContentBlockStop()) {
            return "content_block_stop";
        } else if (event.isMessageDelta()) {
            return "message_delta";
        } else if (event.isMessageStop()) {
            return "message_stop";
        }
        throw new AssertionError("unknown event " + event);
    }

    /** Streams a message, checking the event sequence, and returns it as the SDK's accumulator rebuilt it. */
    private static Message streamed(AnthropicClient client, MessageCreateParams params, StringBuilder text) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> names = new ArrayList<>();
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(params)) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                names.add(eventName(event));
                if (event.isContentBlockDelta() && event.asContentBlockDelta().delta().isText()) {
                    text.append(event.asContentBlockDelta().delta().asText().text());
                }
            });
        }
        // collapse each block (start, deltas, stop) to "block" to check the frame of the sequence
        List<String> frame = new ArrayList<>();
        for (String name : names) {
            if (name.equals("content_block_start")) {
                frame.add("block");
            } else if (name.startsWith("content_block")) {
                assertThat(frame).as("deltas and stops come inside a block").isNotEmpty().last().isEqualTo("block");
            } else {
                frame.add(name);
            }
        }
        assertThat(frame.get(0)).isEqualTo("message_start");
        assertThat(frame.subList(frame.size() - 2, frame.size())).containsExactly("message_delta", "message_stop");
        assertThat(frame.subList(1, frame.size() - 2)).isNotEmpty().containsOnly("block");
        assertThat(names.stream().filter("content_block_start"::equals).count())
                .isEqualTo(names.stream().filter("content_block_stop"::equals).count());
        return accumulator.message();
    }

    private static List<String> texts(Message message) {
        return message.content().stream().filter(ContentBlock::isText).map(ContentBlock::asText)
                .map(TextBlock::text).toList();
    }

    @ParameterizedTest(name = "Anthropic SDK -> {0}: message, plain and streamed")
    @EnumSource(Provider.class)
    void anthropicSdkMessagesPlainAndStreamed(Provider provider) {
        AnthropicClient client = anthropic(Gateway.ADMIN_KEY);

        Message plain = client.messages().create(message(provider.model, PROMPT).build());
        assertThat(plain.content()).hasSize(1);
        assertThat(texts(plain)).containsExactly(provider.hello());
        assertThat(plain.stopReason()).contains(StopReason.END_TURN);
        assertThat(plain.usage().inputTokens()).isEqualTo(2);
        assertThat(plain.usage().outputTokens()).isEqualTo(3);
        assertThat(plain.id()).isNotBlank();

        StringBuilder text = new StringBuilder();
        Message streamed = streamed(client, message(provider.model, PROMPT).build(), text);
        assertThat(text.toString()).isEqualTo(provider.hello());
        assertThat(streamed.content()).hasSize(1);
        assertThat(texts(streamed)).containsExactly(provider.hello());
        assertThat(streamed.stopReason()).contains(StopReason.END_TURN);
        assertThat(streamed.usage().inputTokens()).as("input tokens after the stream").isEqualTo(2);
        assertThat(streamed.usage().outputTokens()).isEqualTo(3);
    }

    private static void assertParallelToolUse(Message message, Provider provider) {
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(texts(message)).isEqualTo(provider.toolPreamble == null ? List.of()
                : List.of(provider.toolPreamble));
        List<ToolUseBlock> uses = message.content().stream().filter(ContentBlock::isToolUse)
                .map(ContentBlock::asToolUse).toList();
        assertThat(uses).hasSize(2);
        assertThat(uses).extracting(ToolUseBlock::name).containsExactly(TOOL, TOOL);
        assertThat(uses).extracting(u -> u._input().convert(new TypeReference<Map<String, String>>() { }))
                .containsExactly(Map.of("city", "Paris"), Map.of("city", "Rome"));
        assertThat(uses).extracting(ToolUseBlock::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotBlank());
    }

    @ParameterizedTest(name = "Anthropic SDK -> {0}: two tool_use blocks, plain and streamed")
    @EnumSource(Provider.class)
    void anthropicSdkToolUsePlainAndStreamed(Provider provider) {
        AnthropicClient client = anthropic(Gateway.ADMIN_KEY);
        MessageCreateParams params = message(provider.model, WEATHER_PROMPT).addTool(weatherTool()).build();

        assertParallelToolUse(client.messages().create(params), provider);

        StringBuilder text = new StringBuilder();
        Message streamed = streamed(client, params, text);
        assertThat(text.toString()).isEqualTo(provider.toolPreamble == null ? "" : provider.toolPreamble);
        assertParallelToolUse(streamed, provider);
    }

    @Test
    void anthropicSdkAuthenticatesWithABearerTokenToo() {
        AnthropicClient bearer = AnthropicOkHttpClient.builder().baseUrl(root()).authToken(Gateway.ADMIN_KEY)
                .maxRetries(0).timeout(TIMEOUT).responseValidation(true).build();
        Message answer = bearer.messages().create(message(Provider.ANTHROPIC.model, PROMPT).build());
        assertThat(texts(answer)).containsExactly(Provider.ANTHROPIC.hello());

        AnthropicClient wrong = AnthropicOkHttpClient.builder().baseUrl(root()).authToken("aigw-wrong-key")
                .maxRetries(0).timeout(TIMEOUT).build();
        assertThatThrownBy(() -> wrong.messages().create(message(Provider.ANTHROPIC.model, "x").build()))
                .isInstanceOf(com.anthropic.errors.UnauthorizedException.class);
    }

    /** Every model, paged the way the SDK's auto-pager does (after_id = the last page's last_id), boundedly. */
    private static List<String> pagedModelIds(AnthropicClient client, ModelListParams params) {
        List<String> ids = new ArrayList<>();
        ModelListPage page = client.models().list(params);
        for (int pages = 1; ; pages++) {
            page.data().forEach(m -> {
                assertThat(m.displayName()).isNotBlank();
                assertThat(m.createdAt()).isNotNull();
                ids.add(m.id());
            });
            if (!page.hasNextPage()) {
                assertThat(page.hasMore()).contains(false);
                return ids;
            }
            assertThat(pages).as("the SDK's pager comes to an end").isLessThan(100);
            page = page.nextPage();
        }
    }

    @Test
    void anthropicSdkPagesThroughTheModels() {
        AnthropicClient client = anthropic(Gateway.ADMIN_KEY);
        List<String> ids = pagedModelIds(client, ModelListParams.none());
        assertThat(ids).contains("anthropic/claude-sonnet-4-5", "anthropic/claude-haiku-4-5", "openai/gpt-4o-mini")
                .doesNotHaveDuplicates();
        assertThat(pagedModelIds(client, ModelListParams.builder().limit(1).build()))
                .as("one model a page gives the same list").isEqualTo(ids);
    }

    @Test
    void anthropicSdkRaisesItsTypedErrors() {
        assertThatThrownBy(() -> anthropic("aigw-wrong-key").messages().create(
                message(Provider.OPENAI.model, "x").build()))
                .isInstanceOfSatisfying(com.anthropic.errors.UnauthorizedException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(401));
        AnthropicClient client = anthropic(Gateway.ADMIN_KEY);
        Stream.of("nosuch-model", "anthropic/nosuch-model").forEach(model -> assertThatThrownBy(
                () -> client.messages().create(message(model, "x").build())).as(model)
                .isInstanceOfSatisfying(com.anthropic.errors.NotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404)));
        assertThatThrownBy(() -> client.messages().create(message("anthropic/fault-429", "x").build()))
                .isInstanceOfSatisfying(com.anthropic.errors.RateLimitException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(429));
        assertThatThrownBy(() -> client.messages().create(message("openai/fault-429", "x").build()))
                .as("an OpenAI upstream's rate limit, in Anthropic's format")
                .isInstanceOf(com.anthropic.errors.RateLimitException.class);
    }
}
