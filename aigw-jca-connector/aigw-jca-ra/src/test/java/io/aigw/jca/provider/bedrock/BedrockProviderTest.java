package io.aigw.jca.provider.bedrock;

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
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.ResponseFormat;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.ToolDefinition;
import io.aigw.jca.api.Usage;
import io.aigw.jca.outbound.AiManagedConnectionFactory;
import io.aigw.jca.testsupport.FakeBedrock;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Bedrock provider, reached through the connection factory as the container would, against a fake Bedrock. */
class BedrockProviderTest {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String MODEL_PATH = "/model/anthropic.claude-3-haiku-20240307-v1%3A0";

    private static final String ANSWER = """
            {"output":{"message":{"role":"assistant","content":[{"text":"Hi! "},{"text":"How can I help?"}]}},
             "stopReason":"max_tokens",
             "usage":{"inputTokens":11,"outputTokens":6,"totalTokens":25,"cacheReadInputTokens":5,
                      "cacheWriteInputTokens":3},
             "metrics":{"latencyMs":321}}
            """;

    private FakeBedrock upstream;
    private final List<ManagedConnection> opened = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private AiConnection connection;

    @BeforeEach
    void connect() throws Exception {
        upstream = new FakeBedrock();
        connection = open(FakeBedrock.ACCESS_KEY, FakeBedrock.SECRET, mcf -> { });
    }

    @AfterEach
    void disconnect() throws Exception {
        release.countDown();
        for (ManagedConnection mc : opened) {
            mc.destroy();
        }
        upstream.close();
    }

    private interface Configuration {
        void apply(AiManagedConnectionFactory mcf);
    }

    private AiConnection open(String user, String password, Configuration extra) throws ResourceException {
        AiManagedConnectionFactory mcf = new AiManagedConnectionFactory();
        mcf.setConnectionName("bedrock");
        mcf.setProtocol("bedrock");
        mcf.setBaseUrl(upstream.baseUrl());
        mcf.setRegion(FakeBedrock.REGION);
        mcf.setIdleTimeout("10s");
        mcf.setTotalTimeout("20s");
        extra.apply(mcf);
        Subject subject = new Subject();
        if (password != null) {
            PasswordCredential credential = new PasswordCredential(user, password.toCharArray());
            credential.setManagedConnectionFactory(mcf);
            subject.getPrivateCredentials().add(credential);
        }
        ManagedConnection managed = mcf.createManagedConnection(subject, null);
        opened.add(managed);
        return (AiConnection) managed.getConnection(subject, null);
    }

    private static ChatRequest request(boolean stream) {
        return new ChatRequest(MODEL, List.of(ChatMessage.text(Role.SYSTEM, "Be brief."),
                ChatMessage.text(Role.USER, "Hello there")),
                new GenerationOptions(0.5, 0.9, 50, List.of("END"), null), null, null, null, stream,
                Map.of("seed", 42L, "bedrock.additionalModelRequestFields", Map.of("top_k", 3L)));
    }

    private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Current weather",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))), null);

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

    private static byte[] messageStart() {
        return FakeBedrock.event("messageStart", "{\"role\":\"assistant\",\"p\":\"abcdefgh\"}");
    }

    private static byte[] textDelta(int block, String text) {
        return FakeBedrock.event("contentBlockDelta", "{\"contentBlockIndex\":" + block + ",\"delta\":{\"text\":\""
                + text + "\"},\"p\":\"abcd\"}");
    }

    private static byte[] blockStop(int block) {
        return FakeBedrock.event("contentBlockStop", "{\"contentBlockIndex\":" + block + ",\"p\":\"ab\"}");
    }

    private static byte[] messageStop(String reason) {
        return FakeBedrock.event("messageStop", "{\"stopReason\":\"" + reason + "\",\"p\":\"abc\"}");
    }

    private static byte[] metadata(String usage) {
        return FakeBedrock.event("metadata", "{\"usage\":" + usage + ",\"metrics\":{\"latencyMs\":120},\"p\":\"a\"}");
    }

    private static byte[] toolStart(int block, String id, String name) {
        return FakeBedrock.event("contentBlockStart", "{\"contentBlockIndex\":" + block + ",\"start\":{\"toolUse\":"
                + "{\"toolUseId\":\"" + id + "\",\"name\":\"" + name + "\"}},\"p\":\"abc\"}");
    }

    private static byte[] toolDelta(int block, String input) {
        return FakeBedrock.event("contentBlockDelta", "{\"contentBlockIndex\":" + block + ",\"delta\":{\"toolUse\":"
                + "{\"input\":" + JsonText.write(io.aigw.codec.json.Jsonp.createValue(input)) + "}}}");
    }

    // ---- Converse ----

    @Test
    void chatDecodesTheAnswerTheExactUsageWithTheCacheAndTheStopReason() throws Exception {
        upstream.respondWith(FakeBedrock.json(200, ANSWER));

        ChatResponse r = connection.chat(request(false));

        assertThat(r.id()).isEqualTo(FakeBedrock.REQUEST_ID);
        assertThat(r.model()).isEqualTo(MODEL);
        assertThat(r.choices()).hasSize(1);
        assertThat(r.choices().get(0).message().text()).isEqualTo("Hi! How can I help?");
        assertThat(r.choices().get(0).message().role()).isEqualTo(Role.ASSISTANT);
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.usage()).isEqualTo(new Usage(19, 6, 5, 3, 0, false));
    }

    @Test
    void chatSendsASignedConverseBodyToTheModelsPath() throws Exception {
        upstream.respondWith(FakeBedrock.json(200, ANSWER));

        connection.chat(request(false));

        FakeBedrock.Received sent = upstream.nextRequest();
        assertThat(sent.authenticated()).isTrue();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawPath()).isEqualTo(MODEL_PATH + "/converse");
        assertThat(sent.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + FakeBedrock.ACCESS_KEY
                + "/").contains("/us-east-1/bedrock/aws4_request").doesNotContain(FakeBedrock.SECRET);
        assertThat(sent.header("X-Amz-Security-Token")).isNull();
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        assertThat(JsonText.parseObject(sent.body())).isEqualTo(JsonText.parseObject("""
                {"messages":[{"role":"user","content":[{"text":"Hello there"}]}],
                 "system":[{"text":"Be brief."}],
                 "inferenceConfig":{"maxTokens":50,"temperature":0.5,"topP":0.9,"stopSequences":["END"]},
                 "additionalModelRequestFields":{"top_k":3}}
                """));
    }

    @Test
    void toolsAToolChoiceAndAToolConversationAreSentAsConverseBlocks() throws Exception {
        upstream.respondWith(FakeBedrock.json(200, ANSWER));
        ChatRequest r = new ChatRequest(MODEL, List.of(
                ChatMessage.text(Role.USER, "Weather in Paris and Rome?"),
                new ChatMessage(Role.ASSISTANT, List.of(new TextPart("Checking.")), null, List.of(
                        new ToolCall("tooluse_1", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("tooluse_2", "get_weather", "{\"city\":\"Rome\"}")), null),
                new ChatMessage(Role.TOOL, List.of(new TextPart("18C")), null, List.of(), "tooluse_1"),
                new ChatMessage(Role.TOOL, List.of(new TextPart("24C")), null, List.of(), "tooluse_2"),
                ChatMessage.text(Role.USER, "Thanks")), null, List.of(WEATHER),
                Map.of("type", "function", "function", Map.of("name", "get_weather")), null, false, null);

        connection.chat(r);

        JsonObject body = JsonText.parseObject(upstream.nextRequest().body());
        assertThat(body.getJsonArray("messages")).isEqualTo(JsonText.parseObject("""
                {"m":[{"role":"user","content":[{"text":"Weather in Paris and Rome?"}]},
                      {"role":"assistant","content":[{"text":"Checking."},
                        {"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}},
                        {"toolUse":{"toolUseId":"tooluse_2","name":"get_weather","input":{"city":"Rome"}}}]},
                      {"role":"user","content":[
                        {"toolResult":{"toolUseId":"tooluse_1","content":[{"text":"18C"}]}},
                        {"toolResult":{"toolUseId":"tooluse_2","content":[{"text":"24C"}]}},
                        {"text":"Thanks"}]}]}
                """).getJsonArray("m"));
        assertThat(body.getJsonObject("toolConfig")).isEqualTo(JsonText.parseObject("""
                {"tools":[{"toolSpec":{"name":"get_weather","description":"Current weather",
                  "inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}}}}}}],
                 "toolChoice":{"tool":{"name":"get_weather"}}}
                """));
    }

    @ParameterizedTest
    @CsvSource({"auto,{\"auto\":{}}", "required,{\"any\":{}}"})
    void theToolChoiceMapsToConverse(String choice, String expected) throws Exception {
        upstream.respondWith(FakeBedrock.json(200, ANSWER));

        connection.chat(new ChatRequest(MODEL, List.of(ChatMessage.text(Role.USER, "Hi")), null, List.of(WEATHER),
                choice, null, false, null));

        JsonObject toolConfig = JsonText.parseObject(upstream.nextRequest().body()).getJsonObject("toolConfig");
        assertThat(toolConfig.getJsonObject("toolChoice")).isEqualTo(JsonText.parseObject(expected));
    }

    @Test
    void toolChoiceNoneSendsNoTools() throws Exception {
        upstream.respondWith(FakeBedrock.json(200, ANSWER));

        connection.chat(new ChatRequest(MODEL, List.of(ChatMessage.text(Role.USER, "Hi")), null, List.of(WEATHER),
                "none", null, false, null));

        assertThat(JsonText.parseObject(upstream.nextRequest().body()).containsKey("toolConfig")).isFalse();
    }

    @Test
    void chatDecodesParallelToolCallsAndLeavesReasoningOut() throws Exception {
        upstream.respondWith(FakeBedrock.json(200, """
                {"output":{"message":{"role":"assistant","content":[
                   {"reasoningContent":{"reasoningText":{"text":"The user wants two cities.","signature":"x"}}},
                   {"toolUse":{"toolUseId":"tooluse_a","name":"get_weather","input":{"city":"Paris"}}},
                   {"toolUse":{"toolUseId":"tooluse_b","name":"get_weather","input":{"city":"Rome"}}}]}},
                 "stopReason":"tool_use","usage":{"inputTokens":4,"outputTokens":2,"totalTokens":6}}
                """));

        ChatResponse r = connection.chat(request(false));

        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.choices().get(0).message().text()).isNull();
        assertThat(r.choices().get(0).message().toolCalls()).containsExactly(
                new ToolCall("tooluse_a", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("tooluse_b", "get_weather", "{\"city\":\"Rome\"}"));
        assertThat(r.usage()).isEqualTo(Usage.of(4, 2));
    }

    @Test
    void anInlineImageIsSentAsBase64BytesWithItsFormat() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        String data = Base64.getEncoder().encodeToString(png);
        upstream.respondWith(FakeBedrock.json(200, ANSWER));

        connection.chat(new ChatRequest(MODEL, List.of(new ChatMessage(Role.USER, List.of(new TextPart("What is it?"),
                new ImagePart("data:image/png;base64," + data, null)), null, List.of(), null)), null, null, null, null,
                false, null));

        JsonObject body = JsonText.parseObject(upstream.nextRequest().body());
        assertThat(body.getJsonArray("messages").getJsonObject(0).getJsonArray("content")).isEqualTo(
                JsonText.parseObject("{\"c\":[{\"text\":\"What is it?\"},{\"image\":{\"format\":\"png\","
                        + "\"source\":{\"bytes\":\"" + data + "\"}}}]}").getJsonArray("c"));
    }

    @Test
    void anImageInAFormatBedrockDoesNotTakeIsABadRequestWithoutAnyRequest() {
        ProviderException e = catchThrowableOfType(() -> connection.chat(new ChatRequest(MODEL, List.of(
                new ChatMessage(Role.USER, List.of(new ImagePart("data:image/bmp;base64,Qk0=", null)), null,
                        List.of(), null)), null, null, null, null, false, null)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.getMessage()).contains("image/bmp");
        assertThat(upstream.requestCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"end_turn,STOP", "stop_sequence,STOP", "max_tokens,LENGTH", "tool_use,TOOL_CALLS",
            "guardrail_intervened,CONTENT_FILTER", "content_filtered,CONTENT_FILTER"})
    void stopReasonsMapToFinishReasons(String stopReason, FinishReason expected) throws Exception {
        upstream.respondWith(FakeBedrock.json(200, "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":"
                + "[{\"text\":\"x\"}]}},\"stopReason\":\"" + stopReason + "\",\"usage\":{\"inputTokens\":1,"
                + "\"outputTokens\":1,\"totalTokens\":2}}"));

        assertThat(connection.chat(request(false)).choices().get(0).finishReason()).isEqualTo(expected);
    }

    @Test
    void whatConverseCannotDoIsUnsupportedWithoutAnyRequest() {
        ProviderException n = catchThrowableOfType(() -> connection.chat(new ChatRequest(MODEL,
                List.of(ChatMessage.text(Role.USER, "Hi")), new GenerationOptions(null, null, null, List.of(), 2),
                null, null, null, false, null)), ProviderException.class);
        ProviderException format = catchThrowableOfType(() -> connection.streamChat(new ChatRequest(MODEL,
                List.of(ChatMessage.text(Role.USER, "Hi")), null, null, null, new ResponseFormat("json_object", null),
                true, null), new Recorder()), ProviderException.class);
        ProviderException embed = catchThrowableOfType(() -> connection.embed(new EmbeddingRequest("m",
                List.of("x"), null, null)), ProviderException.class);

        assertThat(n.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(n.getMessage()).contains("'n'");
        assertThat(format.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(format.getMessage()).contains("response_format");
        assertThat(embed.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(upstream.requestCount()).isZero();
    }

    // ---- errors ----

    @Test
    void throttlingIsARetryableRateLimit() {
        upstream.respondWith(FakeBedrock.error(429, "ThrottlingException", "Too many requests, please wait."));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.upstreamStatus()).isEqualTo(429);
        assertThat(e.retryable()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"500,InternalServerException", "503,ServiceUnavailableException", "429,ModelNotReadyException",
            "424,ModelErrorException"})
    void serverSideFailuresAreRetryableUpstreamErrors(int status, String type) {
        upstream.respondWith(FakeBedrock.error(status, type, "try again"));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains(type);
    }

    @Test
    void aValidationErrorIsABadRequestWithBedrocksMessage() {
        upstream.respondWith(FakeBedrock.error(400, "ValidationException",
                "A conversation must alternate between user and assistant roles."));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.upstreamStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("must alternate between user and assistant");
    }

    @Test
    void anUnknownModelIsNotFound() {
        upstream.respondWith(FakeBedrock.error(404, "ResourceNotFoundException", "Model not found."));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void aWrongSecretIsRejectedByTheSignatureCheckAsAnAuthenticationFailure() throws Exception {
        AiConnection wrong = open(FakeBedrock.ACCESS_KEY, "not-the-secret", mcf -> { });
        upstream.respondWith(FakeBedrock.json(200, ANSWER));

        ProviderException e = catchThrowableOfType(() -> wrong.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.upstreamStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("InvalidSignatureException").doesNotContain("not-the-secret");
        assertThat(upstream.nextRequest().authenticated()).isFalse();
    }

    @Test
    void accessDeniedIsAnAuthenticationFailureThatDoesNotEchoTheMessage() {
        upstream.respondWith(FakeBedrock.error(403, "AccessDeniedException", "User arn:aws:iam::1:user/x is not "
                + "authorized to perform: bedrock:InvokeModel"));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage()).doesNotContain("arn:aws");
    }

    @Test
    void anAnswerThatIsNotConverseJsonIsABadResponse() {
        upstream.respondWith(FakeBedrock.json(200, "<html>proxy error</html>"));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    }

    // ---- credentials and configuration ----

    @Test
    void aBedrockApiKeyIsSentAsABearerTokenUnsigned() throws Exception {
        AiConnection keyed = open("bedrock-api-key", FakeBedrock.API_KEY, mcf -> { });
        upstream.respondWith(FakeBedrock.json(200, ANSWER));

        keyed.chat(request(false));

        FakeBedrock.Received sent = upstream.nextRequest();
        assertThat(sent.authenticated()).isTrue();
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + FakeBedrock.API_KEY);
        assertThat(sent.header("X-Amz-Date")).isNull();
    }

    @Test
    void temporaryCredentialsSendAndSignTheSessionToken() throws Exception {
        AiConnection temporary = open(FakeBedrock.ACCESS_KEY, FakeBedrock.SECRET + ":IQoJb3JpZ2luX2VjEJr//token=",
                mcf -> { });
        upstream.respondWith(FakeBedrock.json(200, ANSWER));

        temporary.chat(request(false));

        FakeBedrock.Received sent = upstream.nextRequest();
        assertThat(sent.authenticated()).isTrue();
        assertThat(sent.header("X-Amz-Security-Token")).isEqualTo("IQoJb3JpZ2luX2VjEJr//token=");
        assertThat(sent.header("Authorization")).contains("x-amz-security-token");
    }

    @Test
    void withoutARegionTheConnectionIsNotConfigured() throws Exception {
        AiConnection noRegion = open(FakeBedrock.ACCESS_KEY, FakeBedrock.SECRET, mcf -> mcf.setRegion(" "));

        ProviderException e = catchThrowableOfType(() -> noRegion.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED);
        assertThat(e.getMessage()).contains("region");
        assertThat(noRegion.status().available()).isFalse();
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void withoutACredentialTheConnectionIsNotConfigured() throws Exception {
        AiConnection none = open(null, null, mcf -> { });

        ProviderException e = catchThrowableOfType(() -> none.streamChat(request(true), new Recorder()),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED);
        assertThat(none.status().available()).isFalse();
        assertThat(connection.status().available()).isTrue();
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void theDefaultBaseUrlIsTheRegionsRuntimeEndpoint() {
        io.aigw.jca.provider.ProviderSettings unset = io.aigw.jca.provider.ProviderSettings.of("b", "bedrock",
                BedrockEndpoint.FACTORY_DEFAULT_BASE_URL, java.time.Duration.ofSeconds(1));
        io.aigw.jca.provider.ProviderSettings inRegion = new io.aigw.jca.provider.ProviderSettings("b", "bedrock", "",
                unset.connectTimeout(), unset.responseTimeout(), unset.idleTimeout(), unset.totalTimeout(), true,
                Map.of(), List.of(), "", null, "eu-central-1", null, null, null);

        assertThat(BedrockEndpoint.baseUrl(inRegion)).isEqualTo("https://bedrock-runtime.eu-central-1.amazonaws.com");
        assertThat(BedrockEndpoint.baseUrl(unset)).isEmpty();
        assertThat(BedrockEndpoint.path("arn:aws:bedrock:us-east-1:1:inference-profile/us.x:0", "converse"))
                .isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fus.x%3A0/converse");
    }

    @Test
    void listModelsServesTheConfiguredModelsWithoutAskingTheUpstream() throws Exception {
        AiConnection fixed = open(FakeBedrock.ACCESS_KEY, FakeBedrock.SECRET,
                mcf -> mcf.setModels(MODEL + ", amazon.nova-lite-v1:0"));

        List<ModelInfo> models = fixed.listModels();

        assertThat(models).extracting(ModelInfo::id).containsExactly(MODEL, "amazon.nova-lite-v1:0");
        assertThat(upstream.requestCount()).isZero();
    }

    // ---- ConverseStream ----

    @Test
    void streamDeliversChunksInOrderAfterOnOpenAndReturnsTheExactUsage() throws Exception {
        upstream.respondWith(FakeBedrock.eventStream(List.of(messageStart(), textDelta(0, "Hel"), textDelta(0, "lo"),
                blockStop(0), messageStop("end_turn"), metadata("{\"inputTokens\":10,\"outputTokens\":3,"
                        + "\"totalTokens\":20,\"cacheReadInputTokens\":4,\"cacheWriteInputTokens\":3}"))));
        Recorder listener = new Recorder();

        StreamOutcome outcome = connection.streamChat(request(true), listener);

        assertThat(listener.seen).containsExactly("open", "", "Hel", "lo", "null", "usage");
        assertThat(listener.chunks.get(0).choices().get(0).role()).isEqualTo(Role.ASSISTANT);
        assertThat(listener.chunks.get(3).choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(listener.chunks.get(4).usage()).isEqualTo(new Usage(17, 3, 4, 3, 0, false));
        assertThat(listener.chunks).allSatisfy(c -> {
            assertThat(c.id()).isEqualTo(FakeBedrock.REQUEST_ID);
            assertThat(c.model()).isEqualTo(MODEL);
        });
        assertThat(outcome).isEqualTo(new StreamOutcome(new Usage(17, 3, 4, 3, 0, false), FinishReason.STOP, 5));
        FakeBedrock.Received sent = upstream.nextRequest();
        assertThat(sent.authenticated()).isTrue();
        assertThat(sent.rawPath()).isEqualTo(MODEL_PATH + "/converse-stream");
        assertThat(sent.header("Accept")).isEqualTo("application/vnd.amazon.eventstream");
        assertThat(JsonText.parseObject(sent.body()).getJsonObject("inferenceConfig").getInt("maxTokens"))
                .isEqualTo(50);
    }

    @Test
    void chunksLeaveAsTheirFramesArrive() throws Exception {
        CountDownLatch firstTextSeen = new CountDownLatch(1);
        upstream.respondWith(FakeBedrock.gatedEventStream(List.of(messageStart(), textDelta(0, "first"),
                textDelta(0, "second"), messageStop("end_turn"), metadata("{\"inputTokens\":1,\"outputTokens\":2,"
                        + "\"totalTokens\":3}")), 2, firstTextSeen));
        List<String> seenBeforeGate = new ArrayList<>();
        Recorder listener = new Recorder() {
            @Override
            public void onChunk(ChatChunk chunk) {
                super.onChunk(chunk);
                if ("first".equals(chunk.choices().isEmpty() ? null : chunk.choices().get(0).content())) {
                    seenBeforeGate.addAll(seen);
                    firstTextSeen.countDown();
                }
            }
        };

        connection.streamChat(request(true), listener);

        assertThat(seenBeforeGate).containsExactly("open", "", "first");
        assertThat(listener.seen).containsExactly("open", "", "first", "second", "null", "usage");
    }

    @Test
    void parallelToolUseBlocksStreamAsToolCallDeltas() throws Exception {
        upstream.respondWith(FakeBedrock.eventStream(List.of(messageStart(), textDelta(0, "Checking."), blockStop(0),
                toolStart(1, "tooluse_a", "get_weather"), toolDelta(1, "{\"city\":"), toolDelta(1, "\"Paris\"}"),
                blockStop(1), toolStart(2, "tooluse_b", "get_weather"), toolDelta(2, "{\"city\":\"Rome\"}"),
                blockStop(2), messageStop("tool_use"), metadata("{\"inputTokens\":9,\"outputTokens\":30,"
                        + "\"totalTokens\":39}"))));
        Recorder listener = new Recorder();

        StreamOutcome outcome = connection.streamChat(request(true), listener);

        List<ToolCallDelta> deltas = listener.chunks.stream().flatMap(c -> c.choices().stream())
                .flatMap(d -> d.toolCalls().stream()).toList();
        assertThat(deltas).containsExactly(
                new ToolCallDelta(0, "tooluse_a", "get_weather", ""),
                new ToolCallDelta(0, null, null, "{\"city\":"),
                new ToolCallDelta(0, null, null, "\"Paris\"}"),
                new ToolCallDelta(1, "tooluse_b", "get_weather", ""),
                new ToolCallDelta(1, null, null, "{\"city\":\"Rome\"}"));
        assertThat(outcome.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(outcome.usage()).isEqualTo(Usage.of(9, 30));
    }

    @Test
    void aStreamWithoutMetadataEndsCleanlyAfterMessageStopWithAnEstimate() throws Exception {
        upstream.respondWith(FakeBedrock.eventStream(List.of(messageStart(), textDelta(0, "Hello world"),
                messageStop("max_tokens"))));

        StreamOutcome outcome = connection.streamChat(request(true), new Recorder());

        assertThat(outcome.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(outcome.usage().estimated()).isTrue();
        assertThat(outcome.usage().outputTokens()).isPositive();
    }

    @Test
    void aFrameWithABadCrcFailsAsABadResponseAfterTheDeliveredChunks() {
        byte[] corrupted = textDelta(0, "lo");
        corrupted[corrupted.length - 6] ^= 0x01;
        upstream.respondWith(FakeBedrock.eventStream(List.of(messageStart(), textDelta(0, "Hel"), corrupted,
                messageStop("end_turn"), metadata("{\"inputTokens\":1,\"outputTokens\":1,\"totalTokens\":2}"))));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("CRC");
        assertThat(listener.seen).containsExactly("open", "", "Hel");
    }

    @ParameterizedTest
    @CsvSource({"throttlingException,RATE_LIMITED", "modelStreamErrorException,UPSTREAM_ERROR",
            "internalServerException,UPSTREAM_ERROR", "serviceUnavailableException,UPSTREAM_ERROR",
            "validationException,BAD_REQUEST"})
    void anExceptionFrameMidStreamFailsTheStream(String exceptionType, Kind expected) {
        upstream.respondWith(FakeBedrock.eventStream(List.of(messageStart(), textDelta(0, "Hel"),
                FakeBedrock.exception(exceptionType, "Something happened."), messageStop("end_turn"))));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(expected);
        assertThat(e.getMessage()).contains(exceptionType);
        assertThat(listener.seen).containsExactly("open", "", "Hel");
    }

    @Test
    void anEventThatIsNotJsonIsABadResponse() {
        upstream.respondWith(FakeBedrock.eventStream(List.of(messageStart(),
                FakeBedrock.event("contentBlockDelta", "{not json"))));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(listener.seen).containsExactly("open", "");
    }

    @Test
    void aConnectionResetMidStreamIsUnreachable() {
        upstream.respondWith(FakeBedrock.resetAfter(List.of(messageStart(), textDelta(0, "Hel")), textDelta(0, "lo")));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(listener.seen).containsExactly("open", "", "Hel");
    }

    @Test
    void aStreamThatEndsBeforeMessageStopIsUnreachable() {
        upstream.respondWith(FakeBedrock.eventStream(List.of(messageStart(), textDelta(0, "Hel"))));

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), new Recorder()),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
    }

    @Test
    void aStalledStreamTimesOut() throws Exception {
        AiConnection impatient = open(FakeBedrock.ACCESS_KEY, FakeBedrock.SECRET, mcf -> mcf.setIdleTimeout("300ms"));
        upstream.respondWith(FakeBedrock.stallAfter(List.of(messageStart(), textDelta(0, "Hel")), release));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> impatient.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(listener.seen).containsExactly("open", "", "Hel");
    }

    @Test
    void aStreamRefusedWithAStatusFailsBeforeOnOpen() {
        upstream.respondWith(FakeBedrock.error(429, "ThrottlingException", "slow down"));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(listener.seen).isEmpty();
    }
}
