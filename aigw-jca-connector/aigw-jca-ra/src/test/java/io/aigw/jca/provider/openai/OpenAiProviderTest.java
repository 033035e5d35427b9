package io.aigw.jca.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.Usage;
import io.aigw.jca.outbound.AiManagedConnectionFactory;
import io.aigw.jca.testsupport.FakeOpenAi;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI provider, reached through the connection factory as the container would, against a fake upstream. */
class OpenAiProviderTest {

    private static final String KEY = "sk-test-0123456789";

    private static final String ANSWER = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi! How can I help?"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":11,"completion_tokens":6,"total_tokens":17,
                      "prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":1}}}
            """;

    private FakeOpenAi upstream;
    private final List<ManagedConnection> opened = new ArrayList<>();
    private final CountDownLatch releaseStalledResponses = new CountDownLatch(1);
    private AiConnection connection;

    @BeforeEach
    void connect() throws Exception {
        upstream = new FakeOpenAi();
        connection = open("10s", "20s");
    }

    @AfterEach
    void disconnect() throws Exception {
        releaseStalledResponses.countDown();
        for (ManagedConnection mc : opened) {
            mc.destroy();
        }
        upstream.close();
    }

    private AiConnection open(String idleTimeout, String totalTimeout) throws ResourceException {
        AiManagedConnectionFactory mcf = new AiManagedConnectionFactory();
        mcf.setConnectionName("test");
        mcf.setProtocol("openai");
        mcf.setBaseUrl(upstream.baseUrl());
        mcf.setIdleTimeout(idleTimeout);
        mcf.setTotalTimeout(totalTimeout);
        Subject subject = new Subject();
        PasswordCredential credential = new PasswordCredential("svc", KEY.toCharArray());
        credential.setManagedConnectionFactory(mcf);
        subject.getPrivateCredentials().add(credential);
        ManagedConnection managed = mcf.createManagedConnection(subject, null);
        opened.add(managed);
        return (AiConnection) managed.getConnection(subject, null);
    }

    /** Sends the status, headers and the first bytes of the body, then stalls until the test ends. */
    private FakeOpenAi.Responder stallingAfter(String contentType, String firstBytes) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(firstBytes.getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                releaseStalledResponses.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static ChatRequest request(boolean stream) {
        return new ChatRequest("gpt-4o-mini", List.of(ChatMessage.text(Role.SYSTEM, "Be brief."),
                ChatMessage.text(Role.USER, "Hello there")), new GenerationOptions(0.5, null, 50, List.of(), null),
                null, null, null, stream, Map.of("seed", 42L, "user", "u-1"));
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

    private static String chunk(String deltaJson, String finish) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + deltaJson + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"")
                + "}]}";
    }

    @Test
    void azureDialectUsesTheDeploymentUrlTheApiVersionAndTheApiKeyHeader() throws Exception {
        AiManagedConnectionFactory mcf = new AiManagedConnectionFactory();
        mcf.setConnectionName("azure");
        mcf.setProtocol("openai");
        mcf.setBaseUrl(upstream.baseUrl() + "/openai/deployments/{model}");
        mcf.setApiKeyHeader("api-key");
        mcf.setQueryParameters("api-version=2024-10-21");
        mcf.setDropRequestFields("user, stream_options");
        Subject subject = new Subject();
        PasswordCredential credential = new PasswordCredential("svc", KEY.toCharArray());
        credential.setManagedConnectionFactory(mcf);
        subject.getPrivateCredentials().add(credential);
        ManagedConnection managed = mcf.createManagedConnection(subject, null);
        opened.add(managed);
        AiConnection azure = (AiConnection) managed.getConnection(subject, null);
        upstream.respondWith(FakeOpenAi.json(200, ANSWER));

        ChatResponse response = azure.chat(request(false).withModel("prod gpt4o"));

        FakeOpenAi.Received received = upstream.nextRequest();
        assertThat(received.rawUri()).isEqualTo("/v1/openai/deployments/prod%20gpt4o/chat/completions?api-version=2024-10-21");
        assertThat(received.header("api-key")).isEqualTo(KEY);
        assertThat(received.header("Authorization")).isNull();
        JsonObject sent = JsonText.parseObject(received.body());
        assertThat(sent).doesNotContainKey("user").containsKey("seed");
        assertThat(response.choices().get(0).message().text()).isEqualTo("Hi! How can I help?");
        ProviderException listing = catchThrowableOfType(azure::listModels, ProviderException.class);
        assertThat(listing.kind()).isEqualTo(Kind.UNSUPPORTED);
    }

    @Test
    void finishedStreamsLeaveTheirConnectionForTheNextRequest() throws Exception {
        upstream.respondWith(FakeOpenAi.sse(List.of(chunk("{\"role\":\"assistant\",\"content\":\"Hi\"}", null),
                chunk("{}", "stop"), "[DONE]")));

        connection.streamChat(request(true), new Recorder());
        connection.streamChat(request(true), new Recorder());

        int first = upstream.nextRequest().clientPort();
        assertThat(upstream.nextRequest().clientPort()).as("the second stream reuses the first one's connection")
                .isEqualTo(first);
    }

    @Test
    void chatDecodesTheAnswerAndTheUsage() throws Exception {
        upstream.respondWith(FakeOpenAi.json(200, ANSWER));

        ChatResponse r = connection.chat(request(false));

        assertThat(r.id()).isEqualTo("chatcmpl-1");
        assertThat(r.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(r.choices()).hasSize(1);
        assertThat(r.choices().get(0).message().text()).isEqualTo("Hi! How can I help?");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.usage()).isEqualTo(new Usage(11, 6, 2, 0, 1, false));
    }

    @Test
    void chatSendsTheKeyAndPassesUnmodelledFieldsThrough() throws Exception {
        upstream.respondWith(FakeOpenAi.json(200, ANSWER));

        connection.chat(request(false));

        FakeOpenAi.Received sent = upstream.nextRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("User-Agent")).isEqualTo("aigw");
        JsonObject body = JsonText.parseObject(sent.body());
        assertThat(body.getString("model")).isEqualTo("gpt-4o-mini");
        assertThat(body.getJsonNumber("seed").longValue()).isEqualTo(42L);
        assertThat(body.getString("user")).isEqualTo("u-1");
        assertThat(body.getJsonNumber("temperature").doubleValue()).isEqualTo(0.5);
        assertThat(body.getInt("max_tokens")).isEqualTo(50);
        assertThat(body.getJsonArray("messages")).hasSize(2);
        assertThat(body.containsKey("stream")).isFalse();
        assertThat(body.containsKey("stream_options")).isFalse();
    }

    @Test
    void chatWithoutUsageGetsAnEstimate() throws Exception {
        upstream.respondWith(FakeOpenAi.json(200, """
                {"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"Hi! How can I help?"},
                 "finish_reason":"stop"}]}
                """));

        ChatResponse r = connection.chat(request(false));

        assertThat(r.usage().estimated()).isTrue();
        assertThat(r.usage().inputTokens()).isPositive();
        assertThat(r.usage().outputTokens()).isPositive();
        assertThat(r.choices().get(0).message().text()).isEqualTo("Hi! How can I help?");
    }

    @Test
    void chatMapsAnUpstreamRejectionOfTheKey() {
        upstream.respondWith(FakeOpenAi.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                + "sk-test-******6789\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.upstreamStatus()).isEqualTo(401);
        assertThat(e.getMessage()).doesNotContain("6789");
    }

    @Test
    void chatRejectsAnAnswerThatIsNotOpenAiJson() {
        upstream.respondWith(FakeOpenAi.json(200, "<html>proxy error</html>"));

        ProviderException e = catchThrowableOfType(() -> connection.chat(request(false)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    }

    @Test
    void streamDeliversChunksInOrderAfterOnOpenAndReturnsTheProviderUsage() throws Exception {
        upstream.respondWith(FakeOpenAi.sse(List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"content\":\"Hel\"}", null),
                chunk("{\"content\":\"lo\"}", null),
                chunk("{}", "stop"),
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}",
                "[DONE]")));
        Recorder listener = new Recorder();

        StreamOutcome outcome = connection.streamChat(request(true), listener);

        assertThat(listener.seen).containsExactly("open", "", "Hel", "lo", "null", "usage");
        assertThat(listener.chunks.get(0).choices().get(0).role()).isEqualTo(Role.ASSISTANT);
        assertThat(outcome.usage()).isEqualTo(Usage.of(9, 2));
        assertThat(outcome.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(outcome.chunks()).isEqualTo(5);
    }

    @Test
    void streamAlwaysAsksForTheUsageChunk() throws Exception {
        upstream.respondWith(FakeOpenAi.sse(List.of(chunk("{\"content\":\"x\"}", "stop"), "[DONE]")));

        connection.streamChat(request(true), new Recorder());

        FakeOpenAi.Received sent = upstream.nextRequest();
        JsonObject body = JsonText.parseObject(sent.body());
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("Accept")).isEqualTo("text/event-stream");
        assertThat(body.getBoolean("stream")).isTrue();
        assertThat(body.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
        assertThat(body.getJsonNumber("seed").longValue()).isEqualTo(42L);
    }

    @Test
    void streamWithoutUsageChunkEndsWithAnEstimate() throws Exception {
        upstream.respondWith(FakeOpenAi.sse(List.of(chunk("{\"content\":\"Hello world\"}", null),
                chunk("{}", "length"))));

        StreamOutcome outcome = connection.streamChat(request(true), new Recorder());

        // no [DONE], but a finish reason: the stream is complete
        assertThat(outcome.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(outcome.usage().estimated()).isTrue();
        assertThat(outcome.usage().outputTokens()).isPositive();
        assertThat(outcome.chunks()).isEqualTo(2);
    }

    @Test
    void streamClosedBeforeItFinishedFailsAfterTheDeliveredChunks() {
        upstream.respondWith(FakeOpenAi.sse(List.of(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"content\":\"Hel\"}", null))));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(listener.seen).containsExactly("open", "", "Hel");
    }

    @Test
    void streamWithAnErrorEventFailsAsAnUpstreamError() {
        upstream.respondWith(FakeOpenAi.sse(List.of(chunk("{\"content\":\"a\"}", null),
                "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> connection.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.getMessage()).doesNotContain("overloaded");
        assertThat(listener.seen).containsExactly("open", "a");
    }

    @Test
    void aStalledStreamEndsWithAnIdleTimeoutAfterTheDeliveredChunks() throws Exception {
        AiConnection impatient = open("200ms", "20s");
        upstream.respondWith(stallingAfter("text/event-stream", "data: " + chunk("{\"content\":\"Hel\"}", null)
                + "\n\n"));
        Recorder listener = new Recorder();

        ProviderException e = catchThrowableOfType(() -> impatient.streamChat(request(true), listener),
                ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(listener.seen).containsExactly("open", "Hel");
    }

    @Test
    void aStalledAnswerEndsWithAnIdleTimeout() throws Exception {
        AiConnection impatient = open("200ms", "20s");
        upstream.respondWith(stallingAfter("application/json", "{\"id\":\"chatcmpl-1\",\"choices\":["));

        ProviderException e = catchThrowableOfType(() -> impatient.chat(request(false)), ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void anAnswerOverTheTotalTimeEndsWithATimeout() throws Exception {
        AiConnection impatient = open("10s", "300ms");
        upstream.respondWith(stallingAfter("application/json", "{\"id\":\"chatcmpl-1\",\"choices\":["));

        ProviderException e = catchThrowableOfType(() -> impatient.chat(request(false)), ProviderException.class);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    }
}
