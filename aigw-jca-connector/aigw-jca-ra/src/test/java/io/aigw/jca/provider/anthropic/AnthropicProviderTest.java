package io.aigw.jca.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.Usage;
import io.aigw.jca.outbound.AiManagedConnectionFactory;
import io.aigw.jca.testsupport.FakeAnthropic;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.security.PasswordCredential;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic provider, reached through the connection factory as the container would, against a fake upstream. */
class AnthropicProviderTest {

    private static final String KEY = "sk-ant-test-0123456789";

    private static final String ANSWER = """
            {"id":"msg_01ABC","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
             "content":[{"type":"text","text":"Hi! How can I help?"}],
             "stop_reason":"max_tokens","stop_sequence":null,
             "usage":{"input_tokens":11,"cache_creation_input_tokens":3,"cache_read_input_tokens":5,"output_tokens":6}}
            """;

    private static final String OVERLOADED = """
            {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}
            """;

    private FakeAnthropic upstream;
    private final List<ManagedConnection> opened = new ArrayList<>();
    private AiConnection connection;

    @BeforeEach
    void connect() throws Exception {
        upstream = new FakeAnthropic();
        connection = open(mcf -> { });
    }

    @AfterEach
    void disconnect() throws Exception {
        for (ManagedConnection mc : opened) {
            mc.destroy();
        }
        upstream.close();
    }

    private interface Configuration {
        void apply(AiManagedConnectionFactory mcf);
    }

    private AiConnection open(Configuration extra) throws ResourceException {
        AiManagedConnectionFactory mcf = new AiManagedConnectionFactory();
        mcf.setConnectionName("claude");
        mcf.setProtocol("anthropic");
        mcf.setBaseUrl(upstream.baseUrl());
        mcf.setIdleTimeout("10s");
        mcf.setTotalTimeout("20s");
        extra.apply(mcf);
        Subject subject = new Subject();
        PasswordCredential credential = new PasswordCredential("svc", KEY.toCharArray());
        credential.setManagedConnectionFactory(mcf);
        subject.getPrivateCredentials().add(credential);
        ManagedConnection managed = mcf.createManagedConnection(subject, null);
        opened.add(managed);
        return (AiConnection) managed.getConnection(subject, null);
    }

    private static ChatRequest request(boolean stream) {
        return new ChatRequest("claude-3-5-haiku", List.of(ChatMessage.text(Role.SYSTEM, "Be brief."),
                ChatMessage.text(Role.USER, "Hello there")), new GenerationOptions(0.5, null, 50, List.of(), null),
                null, null, null, stream, Map.of("seed", 42L, "anthropic.top_k", 3L));
    }

    /** Records what the listener sees, in order. */
    private static final class Recorder implements ChatStreamListener {
        final List<String> seen = new ArrayList<>();
        final List<ChatChunk> chunks = new ArrayList<>();

        @Override
        public void onOpen() {
            seen.add("open");
        }

        @Override
        public void onChunk(ChatChunk chunk) {
            chunks.add(chunk);
            seen.add(chunk.choices().isEmpty() ? "usage" : String.valueOf(chunk.choices().get(0).content()));
        }
    }

    private static String messageStart(int inputTokens) {
        return "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01S\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"model\":\"claude-3-5-haiku-20241022\",\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":1}}}";
    }

    private static final String TEXT_BLOCK_START =
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";

    private static String textDelta(String text) {
        return "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text
                + "\"}}";
    }

    private static String messageDelta(String stopReason, int outputTokens) {
        return "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":" + outputTokens + "}}";
    }

    private static final String MESSAGE_STOP = "{\"type\":\"message_stop\"}";

    @Test
    void chatDecodesTheAnswerTheUsageAndTheStopReason() throws Exception {
        upstream.respondWith(FakeAnthropic.json(200, ANSWER));

        ChatResponse r = connection.chat(request(false));

        assertThat(r.id()).isEqualTo("msg_01ABC");
        assertThat(r.model()).isEqualTo("claude-3-5-haiku-20241022");
        assertThat(r.choices()).hasSize(1);
        assertThat(r.choices().get(0).message().text()).isEqualTo("Hi! How can I help?");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.usage()).isEqualTo(new Usage(19, 6, 5, 3, 0, false));
    }

    @Test
    void chatDecodesToolCalls() throws Exception {
        upstream.respondWith(FakeAnthropic.json(200, """
                {"id":"msg_2","type":"message","role":"assistant","model":"m",
                 "content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":4,"output_tokens":2}}
                """));

        ChatResponse r = connection.chat(request(false));

        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.choices().get(0).message().toolCalls())
                .containsExactly(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(r.usage()).isEqualTo(Usage.of(4, 2));
    }

    @Test
    void aBaseUrlInTheSdkFormWithoutTheVersionReachesTheSameEndpoint() throws Exception {
        String sdkForm = upstream.baseUrl().substring(0, upstream.baseUrl().length() - "/v1".length());
        for (String base : List.of(sdkForm, sdkForm + "/", upstream.baseUrl() + "/")) {
            upstream.respondWith(FakeAnthropic.json(200, ANSWER));
            open(mcf -> mcf.setBaseUrl(base)).chat(request(false));
            assertThat(upstream.nextRequest().path()).as(base).isEqualTo("/v1/messages");
        }
    }

    @Test
    void chatSendsTheKeyTheVersionAndAnAnthropicBody() throws Exception {
        upstream.respondWith(FakeAnthropic.json(200, ANSWER));

        connection.chat(request(false));

        FakeAnthropic.Received sent = upstream.nextRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
        assertThat(sent.header("Authorization")).isNull();
        assertThat(sent.headerValues("anthropic-version")).containsExactly("2023-06-01");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        JsonObject body = JsonText.parseObject(sent.body());
        assertThat(body.getString("model")).isEqualTo("claude-3-5-haiku");
        assertThat(body.getInt("max_tokens")).isEqualTo(50);
        assertThat(body.getString("system")).isEqualTo("Be brief.");
        assertThat(body.getJsonArray("messages")).isEqualTo(JsonText.parseObject("""
                {"m":[{"role":"user","content":[{"type":"text","text":"Hello there"}]}]}
                """).getJsonArray("m"));
        assertThat(body.getJsonNumber("temperature").doubleValue()).isEqualTo(0.5);
        assertThat(body.getInt("top_k")).isEqualTo(3);
        assertThat(body.containsKey("seed")).isFalse();
        assertThat(body.containsKey("stream")).isFalse();
    }

    @Test
    void aConfiguredAnthropicVersionHeaderReplacesTheDefaultOne() throws Exception {
        AiConnection pinned = open(mcf -> mcf.setHeaders("anthropic-version: 2024-01-01; anthropic-beta: tools-1"));
        upstream.respondWith(FakeAnthropic.json(200, ANSWER));

        pinned.chat(request(false));

        FakeAnthropic.Received sent = upstream.nextRequest();
        assertThat(sent.headerValues("anthropic-version")).containsExactly("2024-01-01");
        assertThat(sent.header("anthropic-beta")).isEqualTo("tools-1");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
    }

    @Test
    void chatWithoutMaxTokensSendsTheDefault() throws Exception {
        upstream.respondWith(FakeAnthropic.json(200, ANSWER));

        connection.chat(new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "Hi")), null, null, null, null, false,
                null));

        JsonObject body = JsonText.parseObject(upstream.nextRequest().body());
        assertThat(body.getInt("max_tokens")).isEqualTo(4096);
        assertThat(body.containsKey("system")).isFalse();
    }

    @Test
    void chatRejectsAnAnswerThatIsNotAnthropicJson() {
        upstream.respondWith(FakeAnthropic.json(200, "<html>proxy error</html>"));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    }

    @Test
    void chatMapsAnUpstreamRejectionOfTheKey() {
        upstream.respondWith(FakeAnthropic.json(401, """
                {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}
                """));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.upstreamStatus()).isEqualTo(401);
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    @Test
    void aRateLimitCarriesTheRetryAfter() {
        upstream.respondWith(FakeAnthropic.json(429, """
                {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded"}}
                """, Map.of("retry-after", "7")));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.upstreamStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void anOverloadedUpstreamIsAnUpstreamError() {
        upstream.respondWith(FakeAnthropic.json(529, OVERLOADED));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.upstreamStatus()).isEqualTo(529);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void whatAnthropicCannotDoIsUnsupportedWithoutAnyRequest() {
        ProviderException chat = catchThrowableOfType(() -> connection.chat(new ChatRequest("m",
                List.of(ChatMessage.text(Role.USER, "Hi")), new GenerationOptions(null, null, null, List.of(), 2),
                null, null, null, false, null)), ProviderException.class);
        ProviderException stream = catchThrowableOfType(() -> connection.streamChat(new ChatRequest("m",
                List.of(ChatMessage.text(Role.USER, "Hi")), new GenerationOptions(null, null, null, List.of(), 2),
                null, null, null, true, null), new Recorder()), ProviderException.class);
        ProviderException badArguments = catchThrowableOfType(() -> connection.chat(new ChatRequest("m", List.of(
                ChatMessage.text(Role.USER, "Hi"), new ChatMessage(Role.ASSISTANT, List.of(new TextPart("")), null,
                        List.of(new ToolCall("c1", "f", "not json")), null)), null, null, null, null, false, null)),
                ProviderException.class);

        assertThat(chat.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(chat.getMessage()).contains("'n'");
        assertThat(stream.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(badArguments.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void embedIsUnsupported() {
        ProviderException e = catchThrowableOfType(() -> connection.embed(new EmbeddingRequest("m", List.of("x"),
                null, null)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(e.getMessage()).contains("claude");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void listModelsDecodesTheAnthropicModelList() throws Exception {
        upstream.respondWith(FakeAnthropic.json(200, """
                {"data":[{"type":"model","id":"claude-3-5-haiku-20241022","display_name":"Claude 3.5 Haiku",
                          "created_at":"2024-10-22T00:00:00Z"},
                         {"type":"model","id":"claude-3-opus-20240229","display_name":"Claude 3 Opus",
                          "created_at":"2024-02-29T00:00:00Z"}],
                 "has_more":false,"first_id":"claude-3-5-haiku-20241022","last_id":"claude-3-opus-20240229"}
                """));

        List<ModelInfo> models = connection.listModels();

        assertThat(models).containsExactly(
                new ModelInfo("claude-3-5-haiku-20241022", "anthropic", 1729555200L, Set.of(ModelInfo.Capability.CHAT)),
                new ModelInfo("claude-3-opus-20240229", "anthropic", 1709164800L, Set.of(ModelInfo.Capability.CHAT)));
        FakeAnthropic.Received sent = upstream.nextRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/v1/models");
        assertThat(sent.query()).isEqualTo("limit=1000");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
        assertThat(sent.headerValues("anthropic-version")).containsExactly("2023-06-01");
    }

    @Test
    void listModelsMapsAnUpstreamFailure() {
        upstream.respondWith(FakeAnthropic.json(529, OVERLOADED));

        ProviderException e = catchThrowableOfType(() -> connection.listModels(), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
    }

    @Test
    void listModelsServesTheConfiguredModelsWithoutAskingTheUpstream() throws Exception {
        AiConnection fixed = open(mcf -> mcf.setModels("claude-a, claude-b"));
        upstream.respondWith(FakeAnthropic.json(200, """
                {"data":[{"type":"model","id":"claude-other","created_at":"2024-10-22T00:00:00Z"}],"has_more":false}
                """));

        List<ModelInfo> models = fixed.listModels();

        assertThat(models).extracting(ModelInfo::id).containsExactly("claude-a", "claude-b");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void streamDeliversChunksInOrderAfterOnOpenAndReturnsTheUsage() throws Exception {
        upstream.respondWith(FakeAnthropic.sse(List.of(
                messageStart(10),
                TEXT_BLOCK_START,
                "{\"type\":\"ping\"}",
                textDelta("Hel"),
                textDelta("lo"),
                "{\"type\":\"content_block_stop\",\"index\":0}",
                messageDelta("end_turn", 3),
                MESSAGE_STOP)));
        Recorder listener = new Recorder();

        StreamOutcome outcome = connection.streamChat(request(true), listener);

        assertThat(listener.seen).containsExactly("open", "", "Hel", "lo", "null", "usage");
        assertThat(listener.chunks.get(0).choices().get(0).role()).isEqualTo(Role.ASSISTANT);
        assertThat(listener.chunks.get(3).choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(listener.chunks.get(4).usage()).isEqualTo(Usage.of(10, 3));
        assertThat(listener.chunks).allSatisfy(c -> assertThat(c.id()).isEqualTo("msg_01S"));
        assertThat(outcome.usage()).isEqualTo(Usage.of(10, 3));
        assertThat(outcome.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(outcome.chunks()).isEqualTo(5);
    }

    @Test
    void streamAsksForAnEventStream() throws Exception {
        upstream.respondWith(FakeAnthropic.sse(List.of(messageStart(1), messageDelta("end_turn", 1), MESSAGE_STOP)));

        connection.streamChat(request(true), new Recorder());

        FakeAnthropic.Received sent = upstream.nextRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("Accept")).isEqualTo("text/event-stream");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
        assertThat(sent.headerValues("anthropic-version")).containsExactly("2023-06-01");
        JsonObject body = JsonText.parseObject(sent.body());
        assertThat(body.getBoolean("stream")).isTrue();
        assertThat(body.getInt("max_tokens")).isEqualTo(50);
        assertThat(body.getString("system")).isEqualTo("Be brief.");
    }

    @Test
    void streamWithoutUsageEndsWithAnEstimate() throws Exception {
        upstream.respondWith(FakeAnthropic.sse(List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\"}}",
                TEXT_BLOCK_START, textDelta("Hello world"), messageDelta("end_turn", 0), MESSAGE_STOP)));

        StreamOutcome outcome = connection.streamChat(request(true), new Recorder());

        assertThat(outcome.usage().estimated()).isTrue();
        assertThat(outcome.usage().inputTokens()).isPositive();
        assertThat(outcome.usage().outputTokens()).isPositive();
    }

    @Test
    void anErrorEventFailsAsAnUpstreamErrorAfterTheDeliveredChunks() {
        upstream.respondWith(FakeAnthropic.sse(List.of(messageStart(10), TEXT_BLOCK_START, textDelta("a"),
                OVERLOADED.strip(), MESSAGE_STOP)));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("overloaded");
        assertThat(listener.seen).containsExactly("open", "", "a");
    }

    @Test
    void aStreamThatEndsWithoutMessageStopIsUnreachable() {
        upstream.respondWith(FakeAnthropic.sse(List.of(messageStart(10), TEXT_BLOCK_START, textDelta("Hel"),
                messageDelta("end_turn", 1))));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(listener.seen).containsExactly("open", "", "Hel", "null");
    }

    @Test
    void aStreamEventThatIsNotJsonIsABadResponse() {
        upstream.respondWith(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(("event: message_start\ndata: " + messageStart(1)
                    + "\n\nevent: content_block_delta\ndata: {not json\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(listener.seen).containsExactly("open", "");
    }

    @Test
    void aStreamRefusedWithAStatusFailsBeforeOnOpen() {
        upstream.respondWith(FakeAnthropic.json(529, OVERLOADED));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(listener.seen).isEmpty();
    }
}
