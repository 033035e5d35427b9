package io.aigw.jca.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.ToolDefinition;
import io.aigw.jca.api.Usage;
import io.aigw.jca.outbound.AiManagedConnectionFactory;
import io.aigw.jca.testsupport.FakeGemini;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.security.PasswordCredential;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Gemini provider, reached through the connection factory as the container would, against a fake upstream. */
class GeminiProviderTest {

    private static final String KEY = "AIza-test-0123456789";
    private static final String MODEL = "gemini-2.5-flash";

    private static final String ANSWER = """
            {"candidates":[{"content":{"parts":[{"text":"Hi! How can I help?"}],"role":"model"},
                            "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":11,"candidatesTokenCount":6,"totalTokenCount":30,
                              "cachedContentTokenCount":5,"thoughtsTokenCount":13},
             "modelVersion":"gemini-2.5-flash","responseId":"resp-abc"}
            """;

    private static final String UNAVAILABLE = """
            {"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}
            """;

    private FakeGemini upstream;
    private final List<ManagedConnection> opened = new ArrayList<>();
    private final CountDownLatch releaseStalledResponses = new CountDownLatch(1);
    private AiConnection connection;

    @BeforeEach
    void connect() throws Exception {
        upstream = new FakeGemini();
        connection = open(mcf -> { }, true);
    }

    @AfterEach
    void disconnect() throws Exception {
        releaseStalledResponses.countDown();
        for (ManagedConnection mc : opened) {
            mc.destroy();
        }
        upstream.close();
    }

    private interface Configuration {
        void apply(AiManagedConnectionFactory mcf);
    }

    private AiConnection open(Configuration extra, boolean withKey) throws ResourceException {
        AiManagedConnectionFactory mcf = new AiManagedConnectionFactory();
        mcf.setConnectionName("gemini");
        mcf.setProtocol("gemini");
        mcf.setBaseUrl(upstream.baseUrl());
        mcf.setIdleTimeout("10s");
        mcf.setTotalTimeout("20s");
        extra.apply(mcf);
        Subject subject = new Subject();
        if (withKey) {
            PasswordCredential credential = new PasswordCredential("svc", KEY.toCharArray());
            credential.setManagedConnectionFactory(mcf);
            subject.getPrivateCredentials().add(credential);
        }
        ManagedConnection managed = mcf.createManagedConnection(subject, null);
        opened.add(managed);
        return (AiConnection) managed.getConnection(subject, null);
    }

    private static ChatRequest request(boolean stream) {
        return new ChatRequest(MODEL, List.of(ChatMessage.text(Role.SYSTEM, "Be brief."),
                ChatMessage.text(Role.USER, "Hello there")), new GenerationOptions(0.5, null, 50, List.of(), null),
                null, null, null, stream, Map.of("seed", 42L, "user", "u-1"));
    }

    private static ChatRequest withMessages(List<ChatMessage> messages, List<ToolDefinition> tools) {
        return new ChatRequest(MODEL, messages, null, tools, null, null, false, null);
    }

    /** Records what the listener sees, in order. */
    private static class Recorder implements ChatStreamListener {
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

    private static String textChunk(String text, String finish, String usage) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"}"
                + (finish == null ? "" : ",\"finishReason\":\"" + finish + "\"") + ",\"index\":0}]"
                + (usage == null ? "" : ",\"usageMetadata\":" + usage) + ",\"modelVersion\":\"gemini-2.5-flash\","
                + "\"responseId\":\"r-1\"}";
    }

    private static final String PARALLEL_CALLS = """
            {"candidates":[{"content":{"role":"model","parts":[
                {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},
                {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}]},
              "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":12,"totalTokenCount":52},
             "modelVersion":"gemini-2.5-flash"}""";

    /** Sends the status, headers and the first bytes of the body, then stalls until the test ends. */
    private FakeGemini.Responder stallingAfter(String contentType, String firstBytes) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(firstBytes.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                releaseStalledResponses.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    // ---- plain chat ----

    @Test
    void chatDecodesTheAnswerTheExactUsageAndTheFinishReason() throws Exception {
        upstream.respondWith(FakeGemini.json(200, ANSWER));

        ChatResponse r = connection.chat(request(false));

        assertThat(r.id()).isEqualTo("resp-abc");
        assertThat(r.model()).isEqualTo("gemini-2.5-flash");
        assertThat(r.choices()).hasSize(1);
        assertThat(r.choices().get(0).message().text()).isEqualTo("Hi! How can I help?");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.usage()).isEqualTo(new Usage(11, 19, 5, 0, 13, false));
        assertThat(r.usage().totalTokens()).isEqualTo(30);
    }

    @Test
    void chatPostsAGenerateContentRequestWithTheKeyInTheGoogleHeader() throws Exception {
        upstream.respondWith(FakeGemini.json(200, ANSWER));

        connection.chat(request(false));

        FakeGemini.Received sent = upstream.nextRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.query()).isNull();
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(sent.header("Authorization")).isNull();
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        assertThat(JsonText.parseObject(sent.body())).isEqualTo(JsonText.parseObject("""
                {"contents":[{"role":"user","parts":[{"text":"Hello there"}]}],
                 "systemInstruction":{"parts":[{"text":"Be brief."}]},
                 "generationConfig":{"maxOutputTokens":50,"temperature":0.5,"seed":42}}
                """));
    }

    @Test
    void theDialectCanMoveTheKeyAndAddQueryParameters() throws Exception {
        AiConnection proxied = open(mcf -> {
            mcf.setApiKeyHeader("Authorization");
            mcf.setQueryParameters("$alt=json;enum-encoding=int");
        }, true);
        upstream.respondWith(FakeGemini.json(200, ANSWER));

        proxied.chat(request(false));

        FakeGemini.Received sent = upstream.nextRequest();
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("x-goog-api-key")).isNull();
        assertThat(sent.query()).isEqualTo("$alt=json;enum-encoding=int");

        upstream.respondWith(FakeGemini.sse(List.of(textChunk("Hi", "STOP", "{\"promptTokenCount\":1}"))));
        proxied.streamChat(request(true), new Recorder());

        assertThat(upstream.nextRequest().query()).isEqualTo("alt=sse&$alt=json;enum-encoding=int");
    }

    @Test
    void chatDecodesParallelFunctionCallsWithGatewayIds() throws Exception {
        upstream.respondWith(FakeGemini.json(200, PARALLEL_CALLS));

        ChatResponse r = connection.chat(request(false));

        List<ToolCall> calls = r.choices().get(0).message().toolCalls();
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(calls).extracting(ToolCall::name, ToolCall::arguments).containsExactly(
                tuple("get_weather", "{\"city\":\"Paris\"}"), tuple("get_weather", "{\"city\":\"Rome\"}"));
        assertThat(calls).extracting(ToolCall::id).allMatch(id -> id.matches("call_aigw_[0-9a-f]{8}_\\d")).doesNotHaveDuplicates();
        assertThat(r.usage()).isEqualTo(Usage.of(40, 12));
    }

    @Test
    void toolsAndToolResultsAreSentAsFunctionDeclarationsCallsAndResponses() throws Exception {
        upstream.respondWith(FakeGemini.json(200, ANSWER));
        ToolDefinition weather = new ToolDefinition("get_weather", "Current weather", Map.of("type", "object",
                "properties", Map.of("city", Map.of("type", "string"))), null);
        List<ChatMessage> conversation = List.of(ChatMessage.text(Role.USER, "Weather in Paris and Rome?"),
                new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(
                        new ToolCall("call_aigw_00ff00ff_0", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_aigw_00ff00ff_1", "get_weather", "{\"city\":\"Rome\"}")), null),
                new ChatMessage(Role.TOOL, List.of(new TextPart("{\"temp\":21}")), null, List.of(),
                        "call_aigw_00ff00ff_0"),
                new ChatMessage(Role.TOOL, List.of(new TextPart("rainy")), null, List.of(), "call_aigw_00ff00ff_1"));

        connection.chat(new ChatRequest(MODEL, conversation, null, List.of(weather), "required", null, false, null));

        JsonObject body = JsonText.parseObject(upstream.nextRequest().body());
        assertThat(body.getJsonArray("contents").getJsonObject(2)).isEqualTo(JsonText.parseObject("""
                {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp":21}}},
                                        {"functionResponse":{"name":"get_weather","response":{"result":"rainy"}}}]}
                """));
        assertThat(body.getJsonArray("contents").getJsonObject(1).getJsonArray("parts")).hasSize(2);
        assertThat(body.getJsonArray("tools").getJsonObject(0).getJsonArray("functionDeclarations").getJsonObject(0)
                .getString("name")).isEqualTo("get_weather");
        assertThat(body.getJsonObject("toolConfig").getJsonObject("functionCallingConfig").getString("mode"))
                .isEqualTo("ANY");
    }

    @Test
    void aDataUrlImageIsSentAsInlineData() throws Exception {
        upstream.respondWith(FakeGemini.json(200, ANSWER));
        ChatMessage question = new ChatMessage(Role.USER, List.of(new TextPart("What is it?"),
                new ImagePart("data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==", "low")), null, List.of(), null);

        connection.chat(withMessages(List.of(question), null));

        JsonObject part = JsonText.parseObject(upstream.nextRequest().body()).getJsonArray("contents").getJsonObject(0)
                .getJsonArray("parts").getJsonObject(1);
        assertThat(part).isEqualTo(JsonText.parseObject("""
                {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgoAAAANSUhEUg=="}}
                """));
    }

    @Test
    void whatCannotBeTranslatedFailsWithoutAnyRequest() {
        ProviderException brokenImage = catchThrowableOfType(() -> connection.chat(withMessages(List.of(
                new ChatMessage(Role.USER, List.of(new ImagePart("data:text/plain;base64,AA==", null)), null,
                        List.of(), null)), null)), ProviderException.class);
        ProviderException orphanResult = catchThrowableOfType(() -> connection.chat(withMessages(List.of(
                ChatMessage.text(Role.USER, "Hi"),
                new ChatMessage(Role.TOOL, List.of(new TextPart("x")), null, List.of(), "call_x")), null)),
                ProviderException.class);
        ProviderException imageResult = catchThrowableOfType(() -> connection.chat(withMessages(List.of(
                ChatMessage.text(Role.USER, "Hi"),
                new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(new ToolCall("c1", "f", "{}")), null),
                new ChatMessage(Role.TOOL, List.of(new ImagePart("data:image/png;base64,AA==", null)), null,
                        List.of(), "c1")), null)), ProviderException.class);
        ProviderException badModel = catchThrowableOfType(() -> connection.chat(request(false)
                .withModel("../admin")), ProviderException.class);

        assertThat(brokenImage.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(orphanResult.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(orphanResult.getMessage()).contains("call_x");
        assertThat(imageResult.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(badModel.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(upstream.requestCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"STOP,STOP", "MAX_TOKENS,LENGTH", "SAFETY,CONTENT_FILTER", "RECITATION,CONTENT_FILTER",
            "PROHIBITED_CONTENT,CONTENT_FILTER", "MALFORMED_FUNCTION_CALL,ERROR"})
    void finishReasonsAreTranslated(String gemini, FinishReason expected) throws Exception {
        upstream.respondWith(FakeGemini.json(200, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
                + "[{\"text\":\"x\"}]},\"finishReason\":\"" + gemini + "\"}]}"));

        assertThat(connection.chat(request(false)).choices().get(0).finishReason()).isEqualTo(expected);
    }

    @Test
    void aBlockedPromptIsAContentFilteredAnswer() throws Exception {
        upstream.respondWith(FakeGemini.json(200, """
                {"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":7,"totalTokenCount":7}}
                """));

        ChatResponse r = connection.chat(request(false));

        assertThat(r.choices()).singleElement().satisfies(c -> {
            assertThat(c.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
            assertThat(c.message().content()).isEmpty();
        });
        assertThat(r.usage()).isEqualTo(Usage.of(7, 0));
    }

    // ---- errors ----

    @Test
    void aRateLimitCarriesTheRetryAfterHeader() {
        upstream.respondWith(FakeGemini.json(429, """
                {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).",
                          "status":"RESOURCE_EXHAUSTED"}}
                """, Map.of("retry-after", "7")));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.upstreamStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void aRateLimitWithoutHeaderTakesTheRetryDelayOfItsBody() {
        upstream.respondWith(FakeGemini.json(429, """
                {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
                  "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"12s"}]}}
                """));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    }

    @ParameterizedTest
    @CsvSource({"500,INTERNAL", "503,UNAVAILABLE"})
    void serverErrorsAreRetryableUpstreamErrors(int status, String googleStatus) {
        upstream.respondWith(FakeGemini.json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"boom\","
                + "\"status\":\"" + googleStatus + "\"}}"));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void aBadRequestEnvelopeKeepsGooglesMessage() {
        upstream.respondWith(FakeGemini.json(400, """
                {"error":{"code":400,"message":"* GenerateContentRequest.contents: contents is not specified",
                          "status":"INVALID_ARGUMENT"}}
                """));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.upstreamStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("contents is not specified");
    }

    @Test
    void anInvalidKeyIsAnAuthenticationFailureThoughGoogleSays400() {
        upstream.respondWith(FakeGemini.json(400, """
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",
                  "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",
                  "reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}
                """));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.upstreamStatus()).isEqualTo(400);
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    @Test
    void anUnknownModelIsNotFound() {
        upstream.respondWith(FakeGemini.json(404, """
                {"error":{"code":404,"message":"models/gemini-9 is not found for API version v1beta, or is not supported
                 for generateContent.","status":"NOT_FOUND"}}
                """));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.upstreamStatus()).isEqualTo(404);
    }

    @Test
    void anAnswerThatIsNotGeminiJsonIsABadResponse() {
        upstream.respondWith(FakeGemini.json(200, "{\"candidates\":[{\"content\":"));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    }

    @Test
    void withoutACredentialNothingIsSent() throws Exception {
        AiConnection keyless = open(mcf -> { }, false);

        ProviderException chat = catchThrowableOfType(() -> keyless.chat(request(false)), ProviderException.class);
        ProviderException stream = catchThrowableOfType(() -> keyless.streamChat(request(true), new Recorder()),
                ProviderException.class);

        assertThat(chat.kind()).isEqualTo(Kind.NOT_CONFIGURED);
        assertThat(stream.kind()).isEqualTo(Kind.NOT_CONFIGURED);
        assertThat(keyless.status().available()).isFalse();
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void aStalledAnswerEndsWithAnIdleTimeout() throws Exception {
        AiConnection impatient = open(mcf -> mcf.setIdleTimeout("200ms"), true);
        upstream.respondWith(stallingAfter("application/json", "{\"candidates\":["));

        ProviderException e = catchThrowableOfType(() -> impatient.chat(request(false)), ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    }

    // ---- streams ----

    @Test
    void streamDeliversChunksInOrderAfterOnOpenAndReturnsTheUsage() throws Exception {
        upstream.respondWith(FakeGemini.sse(List.of(
                textChunk("Hel", null, "{\"promptTokenCount\":10,\"totalTokenCount\":10}"),
                textChunk("lo", null, "{\"promptTokenCount\":10,\"candidatesTokenCount\":1,\"totalTokenCount\":11}"),
                textChunk("", "STOP", "{\"promptTokenCount\":10,\"candidatesTokenCount\":2,"
                        + "\"cachedContentTokenCount\":4,\"thoughtsTokenCount\":3,\"totalTokenCount\":15}"))));
        Recorder listener = new Recorder();

        StreamOutcome outcome = connection.streamChat(request(true), listener);

        Usage expected = new Usage(10, 5, 4, 0, 3, false);
        assertThat(listener.seen).containsExactly("open", "Hel", "lo", "", "usage");
        assertThat(listener.chunks.get(0).choices().get(0).role()).isEqualTo(Role.ASSISTANT);
        assertThat(listener.chunks.get(2).choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(listener.chunks.get(3).usage()).isEqualTo(expected);
        assertThat(listener.chunks).allSatisfy(c -> assertThat(c.id()).isEqualTo("r-1"));
        assertThat(outcome).isEqualTo(new StreamOutcome(expected, FinishReason.STOP, 4));
    }

    @Test
    void streamAsksForServerSentEvents() throws Exception {
        upstream.respondWith(FakeGemini.sse(List.of(textChunk("Hi", "STOP", "{\"promptTokenCount\":1}"))));

        connection.streamChat(request(true), new Recorder());

        FakeGemini.Received sent = upstream.nextRequest();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(sent.query()).isEqualTo("alt=sse");
        assertThat(sent.header("Accept")).isEqualTo("text/event-stream");
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY);
        JsonObject body = JsonText.parseObject(sent.body());
        assertThat(body.containsKey("stream")).isFalse();
        assertThat(body.getJsonObject("systemInstruction")).isNotNull();
    }

    @Test
    void streamChunksLeaveAsTheyArrive() throws Exception {
        CountDownLatch firstChunkDelivered = new CountDownLatch(1);
        AtomicBoolean deliveredWhileUpstreamWaited = new AtomicBoolean();
        upstream.respondWith(exchange -> {
            OutputStream out = FakeGemini.startStream(exchange);
            FakeGemini.event(out, textChunk("Hel", null, null));
            try {
                deliveredWhileUpstreamWaited.set(firstChunkDelivered.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeGemini.event(out, textChunk("lo", "STOP", "{\"promptTokenCount\":3,\"candidatesTokenCount\":2}"));
        });
        Recorder listener = new Recorder() {
            @Override
            public void onChunk(ChatChunk chunk) {
                super.onChunk(chunk);
                firstChunkDelivered.countDown();
            }
        };

        connection.streamChat(request(true), listener);

        assertThat(deliveredWhileUpstreamWaited).isTrue();
        assertThat(listener.seen).containsExactly("open", "Hel", "lo", "usage");
    }

    @Test
    void streamDeliversParallelFunctionCallsWhole() throws Exception {
        upstream.respondWith(FakeGemini.sse(List.of(
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Let me check.\"}]}}]}",
                PARALLEL_CALLS.replace("\n", ""))));
        Recorder listener = new Recorder();

        StreamOutcome outcome = connection.streamChat(request(true), listener);

        assertThat(listener.seen).containsExactly("open", "Let me check.", "null", "usage");
        List<ToolCallDelta> calls = listener.chunks.get(1).choices().get(0).toolCalls();
        assertThat(calls).extracting(ToolCallDelta::index, ToolCallDelta::name, ToolCallDelta::argumentsFragment)
                .containsExactly(tuple(0, "get_weather", "{\"city\":\"Paris\"}"),
                        tuple(1, "get_weather", "{\"city\":\"Rome\"}"));
        assertThat(calls).allSatisfy(c -> assertThat(c.id()).startsWith("call_aigw_"));
        assertThat(listener.chunks.get(1).choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(outcome.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(outcome.usage()).isEqualTo(Usage.of(40, 12));
    }

    @Test
    void streamWithoutUsageEndsWithAnEstimate() throws Exception {
        upstream.respondWith(FakeGemini.sse(List.of(textChunk("Hello world", "STOP", null))));

        StreamOutcome outcome = connection.streamChat(request(true), new Recorder());

        assertThat(outcome.usage().estimated()).isTrue();
        assertThat(outcome.usage().inputTokens()).isPositive();
        assertThat(outcome.usage().outputTokens()).isPositive();
    }

    @Test
    void aStreamCutBeforeTheFinishIsUnreachableAfterTheDeliveredChunks() {
        upstream.respondWith(FakeGemini.sse(List.of(textChunk("Hel", null, null), textChunk("lo", null, null))));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(listener.seen).containsExactly("open", "Hel", "lo");
    }

    @Test
    void aConnectionResetMidStreamIsUnreachableAfterTheDeliveredChunks() {
        CountDownLatch firstChunkDelivered = new CountDownLatch(1);
        upstream.respondWith(exchange -> {
            OutputStream out = FakeGemini.startStream(exchange);
            FakeGemini.event(out, textChunk("Hel", null, null));
            try {
                firstChunkDelivered.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new FakeGemini.Reset();
        });
        Recorder listener = new Recorder() {
            @Override
            public void onChunk(ChatChunk chunk) {
                super.onChunk(chunk);
                firstChunkDelivered.countDown();
            }
        };

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.retryable()).isTrue();
        assertThat(listener.seen).containsExactly("open", "Hel");
    }

    @Test
    void anErrorInTheStreamFailsAfterTheDeliveredChunks() {
        upstream.respondWith(FakeGemini.sse(List.of(textChunk("a", null, null), UNAVAILABLE.strip())));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("UNAVAILABLE").doesNotContain("overloaded");
        assertThat(listener.seen).containsExactly("open", "a");
    }

    @Test
    void aStreamEventThatIsNotJsonIsABadResponse() {
        upstream.respondWith(FakeGemini.sse(List.of(textChunk("a", null, null), "{not json")));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(listener.seen).containsExactly("open", "a");
    }

    @Test
    void aStalledStreamEndsWithAnIdleTimeoutAfterTheDeliveredChunks() throws Exception {
        AiConnection impatient = open(mcf -> mcf.setIdleTimeout("200ms"), true);
        upstream.respondWith(stallingAfter("text/event-stream", "data: " + textChunk("Hel", null, null) + "\r\n\r\n"));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> impatient.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(listener.seen).containsExactly("open", "Hel");
    }

    @Test
    void aStreamRefusedWithAStatusFailsBeforeOnOpen() {
        upstream.respondWith(FakeGemini.json(503, UNAVAILABLE));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(listener.seen).isEmpty();
    }

    // ---- models and embeddings ----

    @Test
    void listModelsFollowsThePageTokens() throws Exception {
        List<String> pages = List.of("""
                {"models":[{"name":"models/gemini-2.5-flash","supportedGenerationMethods":["generateContent"]},
                           {"name":"models/imagen-4.0","supportedGenerationMethods":["predict"]}],
                 "nextPageToken":"page+2"}""", """
                {"models":[{"name":"models/gemini-embedding-001","supportedGenerationMethods":["embedContent"]}]}""");
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        upstream.respondWith(exchange -> FakeGemini.json(200, pages.get(served.getAndIncrement())).respond(exchange));

        List<ModelInfo> models = connection.listModels();

        assertThat(models).containsExactly(
                new ModelInfo("gemini-2.5-flash", "google", 0, Set.of(ModelInfo.Capability.CHAT)),
                new ModelInfo("gemini-embedding-001", "google", 0, Set.of(ModelInfo.Capability.EMBEDDINGS)));
        FakeGemini.Received first = upstream.nextRequest();
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/v1beta/models");
        assertThat(first.query()).isEqualTo("pageSize=1000");
        assertThat(first.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(upstream.nextRequest().query()).isEqualTo("pageSize=1000&pageToken=page%2B2");
    }

    @Test
    void listModelsServesTheConfiguredModelsWithoutAskingTheUpstream() throws Exception {
        AiConnection fixed = open(mcf -> mcf.setModels("gemini-a, gemini-b"), true);

        assertThat(fixed.listModels()).extracting(ModelInfo::id).containsExactly("gemini-a", "gemini-b");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void listModelsMapsAnUpstreamFailure() {
        upstream.respondWith(FakeGemini.json(503, UNAVAILABLE));

        ProviderException e = catchThrowableOfType(() -> connection.listModels(), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
    }

    @Test
    void embeddingsUseBatchEmbedContentsOnePerInput() throws Exception {
        upstream.respondWith(FakeGemini.json(200, """
                {"embeddings":[{"values":[0.25,-0.5,1.0]},{"values":[0.0,0.125,-1.0]}]}"""));

        EmbeddingResponse answer = connection.embed(new EmbeddingRequest("gemini-embedding-001",
                List.of("first text", "second"), 3, null));

        FakeGemini.Received sent = upstream.nextRequest();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(JsonText.parseObject(sent.body())).isEqualTo(JsonText.parseObject("""
                {"requests":[
                  {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"first text"}]},"outputDimensionality":3},
                  {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"second"}]},"outputDimensionality":3}]}
                """));
        assertThat(answer.vectors()).hasSize(2);
        assertThat(answer.vectors().get(0)).containsExactly(0.25f, -0.5f, 1.0f);
        assertThat(answer.vectors().get(1)).containsExactly(0.0f, 0.125f, -1.0f);
        assertThat(answer.usage().estimated()).as("Gemini reported no token count").isTrue();
        assertThat(answer.usage().inputTokens()).isEqualTo(4);
    }

    @Test
    void embeddingsTakeGeminisTokenCountWhenItHasOne() throws Exception {
        upstream.respondWith(FakeGemini.json(200, """
                {"embeddings":[{"values":[1.0]}],"usageMetadata":{"promptTokenCount":7}}"""));

        EmbeddingResponse answer = connection.embed(new EmbeddingRequest("gemini-embedding-001", List.of("x"), null,
                null));

        assertThat(answer.usage().inputTokens()).isEqualTo(7);
        assertThat(answer.usage().estimated()).isFalse();
    }

    @Test
    void embeddingsMissingAVectorAreABadResponse() {
        upstream.respondWith(FakeGemini.json(200, "{\"embeddings\":[{\"values\":[1.0]}]}"));

        ProviderException e = catchThrowableOfType(() -> connection.embed(new EmbeddingRequest("gemini-embedding-001",
                List.of("a", "b"), null, null)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    }
}
