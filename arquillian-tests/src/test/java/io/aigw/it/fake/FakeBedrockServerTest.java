package io.aigw.it.fake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * Self-check of {@link FakeBedrockServer} on its own ephemeral port, through {@link HttpClient}, requests signed
 * with the AWS SDK's signer and streams decoded with the AWS event-stream codec.
 */
class FakeBedrockServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String USER_WEATHER =
            "{\"role\":\"user\",\"content\":[{\"text\":\"What is the weather in Paris and Rome?\"}]}";

    private static FakeBedrockServer server;
    private static HttpClient client;

    @BeforeAll
    static void startFake() throws IOException {
        server = FakeBedrockServer.start(0);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    @AfterAll
    static void stopFake() {
        server.stop();
    }

    private static HttpRequest signed(String modelId, String operation, String body, String secret) {
        URI uri = URI.create(server.baseUrl() + "/model/" + modelId.replace(":", "%3A") + "/" + operation);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest sdk = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/json").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(FakeBedrockServer.ACCESS_KEY_ID, secret))
                .request(sdk)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, FakeBedrockServer.REGION)).request();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b.build();
    }

    private static HttpRequest signed(String modelId, String operation, String body) {
        return signed(modelId, operation, body, FakeBedrockServer.SECRET_ACCESS_KEY);
    }

    /** A Converse body of these messages (JSON texts). */
    private static String conversation(String... messages) {
        return "{\"messages\":[" + String.join(",", messages) + "]}";
    }

    /** An assistant message: "Let me check." and one {@code get_weather} tool use per id. */
    private static String assistantUsing(String... ids) {
        StringBuilder content = new StringBuilder("{\"text\":\"Let me check.\"}");
        for (String id : ids) {
            content.append(",{\"toolUse\":{\"toolUseId\":\"").append(id)
                    .append("\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}}");
        }
        return "{\"role\":\"assistant\",\"content\":[" + content + "]}";
    }

    /** A user message of one tool result per id. */
    private static String results(String... ids) {
        StringBuilder content = new StringBuilder();
        for (String id : ids) {
            content.append(content.isEmpty() ? "" : ",").append("{\"toolResult\":{\"toolUseId\":\"").append(id)
                    .append("\",\"content\":[{\"text\":\"18 C\"}]}}");
        }
        return "{\"role\":\"user\",\"content\":[" + content + "]}";
    }

    /** The request gets 400 {@code ValidationException} with exactly this message. */
    private static void assertRejected(String body, String message) throws Exception {
        HttpResponse<String> r = client.send(signed(MODEL, "converse", body), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType").orElseThrow())
                .isEqualTo("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/");
        assertThat(json(r.body())).isEqualTo(Json.createObjectBuilder().add("message", message).build());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static List<Message> frames(byte[] body) {
        MessageDecoder decoder = new MessageDecoder();
        decoder.feed(body);
        return decoder.getDecodedMessages();
    }

    private static String eventType(Message m) {
        return m.getHeaders().get(":event-type") == null ? "exception:"
                + m.getHeaders().get(":exception-type").getString() : m.getHeaders().get(":event-type").getString();
    }

    @Test
    void aSignedConverseGetsTheDeterministicAnswerWithUsage() throws Exception {
        HttpResponse<String> r = client.send(signed(MODEL, "converse", """
                {"messages":[{"role":"user","content":[{"text":"Hello there"}]}],
                 "system":[{"text":"Be brief."},{"cachePoint":{"type":"default"}}]}
                """), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonObject body = json(r.body());
        assertThat(body.getJsonObject("output").getJsonObject("message").getJsonArray("content").getJsonObject(0)
                .getString("text")).isEqualTo("Hello from " + MODEL + ".");
        assertThat(body.getString("stopReason")).isEqualTo("end_turn");
        assertThat(body.getJsonObject("usage")).isEqualTo(json("""
                {"inputTokens":4,"outputTokens":3,"totalTokens":135,"cacheReadInputTokens":128,
                 "cacheWriteInputTokens":0}"""));
        assertThat(server.lastRequestFor(MODEL)).isPresent();
    }

    @Test
    void aWrongSecretIsRejectedWithInvalidSignature() throws Exception {
        HttpResponse<String> r = client.send(signed(MODEL, "converse",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}", "wrong-secret"),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unsigned = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/model/m/converse")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("x-amzn-ErrorType").orElseThrow()).startsWith("InvalidSignatureException:");
        assertThat(json(r.body()).getString("message")).contains("signature");
        assertThat(unsigned.statusCode()).isEqualTo(403);
    }

    @Test
    void maxTokensCutsTheReply() throws Exception {
        HttpResponse<String> r = client.send(signed(MODEL, "converse", """
                {"messages":[{"role":"user","content":[{"text":"Hi"}]}],"inferenceConfig":{"maxTokens":2}}
                """), HttpResponse.BodyHandlers.ofString());

        JsonObject body = json(r.body());
        assertThat(body.getString("stopReason")).isEqualTo("max_tokens");
        assertThat(body.getJsonObject("usage").getInt("outputTokens")).isEqualTo(2);
    }

    @Test
    void aWeatherQuestionWithToolsGetsTwoParallelToolUses() throws Exception {
        HttpResponse<String> r = client.send(signed(MODEL, "converse", """
                {"messages":[{"role":"user","content":[{"text":"What is the weather in Paris and Rome?"}]}],
                 "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","inputSchema":{"json":{"type":"object"}}}}]}}
                """), HttpResponse.BodyHandlers.ofString());

        JsonObject body = json(r.body());
        assertThat(body.getString("stopReason")).isEqualTo("tool_use");
        var content = body.getJsonObject("output").getJsonObject("message").getJsonArray("content");
        assertThat(content).hasSize(3);
        assertThat(content.getJsonObject(1).getJsonObject("toolUse").getJsonObject("input").getString("city"))
                .isEqualTo("Paris");
        assertThat(content.getJsonObject(2).getJsonObject("toolUse").getString("name")).isEqualTo("get_weather");
    }

    @Test
    void toolResultsAnsweringEveryToolUseGetTheFinalAnswer() throws Exception {
        HttpResponse<String> r = client.send(signed(MODEL, "converse", conversation(USER_WEATHER,
                assistantUsing("tooluse_a", "tooluse_b"), results("tooluse_b", "tooluse_a"))),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = json(r.body());
        assertThat(body.getJsonObject("output").getJsonObject("message").getJsonArray("content"))
                .isEqualTo(json("{\"c\":[{\"text\":\"The weather is fine.\"}]}").getJsonArray("c"));
        assertThat(body.getString("stopReason")).isEqualTo("end_turn");
    }

    @Test
    void conversationsNotStartingWithTheUserOrNotAlternatingAreRejectedLikeBedrock() throws Exception {
        assertRejected(conversation("{\"role\":\"assistant\",\"content\":[{\"text\":\"Hi\"}]}", USER_WEATHER),
                "A conversation must start with a user message. Try again with a conversation that starts with a "
                        + "user message.");
        assertRejected(conversation(USER_WEATHER, USER_WEATHER), "A conversation must alternate between user and "
                + "assistant roles. Make sure the conversation alternates between user and assistant roles and try "
                + "again.");
        assertRejected(conversation(USER_WEATHER, "{\"role\":\"system\",\"content\":[{\"text\":\"Hi\"}]}"),
                "1 validation error detected: Value 'system' at 'messages.2.member.role' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [user, assistant]");
    }

    @Test
    void toolResultsNotAnsweringThePreviousToolUsesAreRejectedLikeBedrock() throws Exception {
        assertRejected(conversation(USER_WEATHER, assistantUsing("tooluse_a", "tooluse_b"), results("tooluse_a")),
                "Expected toolResult blocks at messages.2.content for the following Ids: tooluse_b");
        assertRejected(conversation(USER_WEATHER, assistantUsing("tooluse_a", "tooluse_b"),
                "{\"role\":\"user\",\"content\":[{\"text\":\"never mind\"}]}"),
                "Expected toolResult blocks at messages.2.content for the following Ids: tooluse_a, tooluse_b");
        assertRejected(conversation(USER_WEATHER, assistantUsing("tooluse_a"), results("tooluse_z")),
                "Expected toolResult blocks at messages.2.content for the following Ids: tooluse_a");
        assertRejected(conversation(USER_WEATHER, "{\"role\":\"assistant\",\"content\":[{\"text\":\"Hi\"}]}",
                results("tooluse_a")),
                "The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of "
                        + "previous turn.");
    }

    @Test
    void aStreamIsAnEventStreamTheAwsCodecDecodes() throws Exception {
        HttpResponse<byte[]> r = client.send(signed(MODEL, "converse-stream",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}"),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.amazon.eventstream");
        List<Message> frames = frames(r.body());
        assertThat(frames).extracting(FakeBedrockServerTest::eventType).containsExactly("messageStart",
                "contentBlockDelta", "contentBlockDelta", "contentBlockDelta", "contentBlockStop", "messageStop",
                "metadata");
        assertThat(json(new String(frames.get(6).getPayload(), StandardCharsets.UTF_8)).getJsonObject("usage")
                .getInt("outputTokens")).isEqualTo(3);
    }

    @Test
    void streamFaultsEndWithAnExceptionFrameOrABadCrc() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}";
        byte[] throttled = client.send(signed("fault-stream-throttle", "converse-stream", body),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        byte[] corrupted = client.send(signed("fault-stream-crc", "converse-stream", body),
                HttpResponse.BodyHandlers.ofByteArray()).body();

        assertThat(frames(throttled)).extracting(FakeBedrockServerTest::eventType).containsExactly("messageStart",
                "contentBlockDelta", "exception:throttlingException");
        MessageDecoder decoder = new MessageDecoder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.feed(corrupted))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultModelsAnswerWithBedrockErrors() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}";
        HttpResponse<String> throttled = client.send(signed("fault-throttle", "converse", body),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = client.send(signed("openai.gpt-9", "converse", body),
                HttpResponse.BodyHandlers.ofString());

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("x-amzn-ErrorType").orElseThrow()).startsWith("ThrottlingException");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("x-amzn-ErrorType").orElseThrow())
                .startsWith("ResourceNotFoundException");
    }

    @Test
    void aGatedStreamHoldsAfterItsFirstTextUntilReleased() throws Exception {
        StreamGate gate = server.gate("gate-self-check");
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(signed("fake-gated-stream",
                "converse-stream", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"gate-self-check\"}]}]}"),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(gate.awaitReached(WAIT)).isTrue();
        assertThat(pending).isNotDone();
        gate.release();

        assertThat(frames(pending.get(WAIT.toSeconds(), TimeUnit.SECONDS).body()))
                .extracting(FakeBedrockServerTest::eventType).endsWith("messageStop", "metadata");
    }

    @Test
    void failNextFailsExactlyThatManyConversesPlainOrStreamedThenServes() throws Exception {
        String model = "fake-scripted-next";
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}";
        server.faults().failNext(model, 2, 429, Duration.ofSeconds(3));

        List<HttpResponse<String>> failed = List.of(
                client.send(signed(model, "converse", body), HttpResponse.BodyHandlers.ofString()),
                client.send(signed(model, "converse-stream", body), HttpResponse.BodyHandlers.ofString()));
        HttpResponse<String> plain = client.send(signed(model, "converse", body), HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> streamed = client.send(signed(model, "converse-stream", body),
                HttpResponse.BodyHandlers.ofByteArray());

        for (HttpResponse<String> response : failed) {
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("retry-after")).contains("3");
            assertThat(response.headers().firstValue("x-amzn-ErrorType"))
                    .contains("ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/");
            assertThat(json(response.body())).isEqualTo(json(
                    "{\"message\":\"Too many requests, please wait before trying again.\"}"));
        }
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(json(plain.body()).getJsonObject("output").getJsonObject("message").getJsonArray("content")
                .getJsonObject(0).getString("text")).isEqualTo("Hello from fake-scripted-next.");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(frames(streamed.body())).extracting(FakeBedrockServerTest::eventType).endsWith("messageStop",
                "metadata");
        assertThat(server.faults().failuresServed(model)).isEqualTo(2);
    }

    @Test
    void scriptedStatusesAreBedrocksErrorsWithRetryAfterOnlyWhenGiven() throws Exception {
        String model = "fake-scripted-statuses";
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}";
        server.faults().failNext(model, 1, 500, null);
        HttpResponse<String> internal = client.send(signed(model, "converse", body),
                HttpResponse.BodyHandlers.ofString());
        server.faults().failNext(model, 1, 503, Duration.ofSeconds(7));
        HttpResponse<String> unavailable = client.send(signed(model, "converse", body),
                HttpResponse.BodyHandlers.ofString());

        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.headers().firstValue("retry-after")).isEmpty();
        assertThat(internal.headers().firstValue("x-amzn-ErrorType"))
                .contains("InternalServerException:http://internal.amazon.com/coral/com.amazon.bedrock/");
        assertThat(json(internal.body())).isEqualTo(json(
                "{\"message\":\"The server encountered an internal error.\"}"));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("retry-after")).contains("7");
        assertThat(unavailable.headers().firstValue("x-amzn-ErrorType"))
                .contains("ServiceUnavailableException:http://internal.amazon.com/coral/com.amazon.bedrock/");
        assertThat(json(unavailable.body())).isEqualTo(json(
                "{\"message\":\"Bedrock is unable to process your request.\"}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.faults().failNext(model, 1, 529, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The fake Bedrock server has no error reply for HTTP 529; it can script 403, 429, 500 and "
                        + "503.");
    }

    @Test
    void failAlwaysAndDelayLastUntilRecoverAndApplyAfterValidation() throws Exception {
        String failing = "fake-scripted-always";
        String slow = "fake-scripted-slow";
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}";
        server.faults().failAlways(failing, 503);
        server.faults().delay(slow, Duration.ofMillis(400));

        HttpResponse<String> invalid = client.send(signed(failing, "converse", "{\"messages\":[]}"),
                HttpResponse.BodyHandlers.ofString());
        List<Integer> failed = List.of(
                client.send(signed(failing, "converse", body), HttpResponse.BodyHandlers.ofString()).statusCode(),
                client.send(signed(failing, "converse-stream", body), HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        long start = System.nanoTime();
        HttpResponse<byte[]> delayed = client.send(signed(slow, "converse-stream", body),
                HttpResponse.BodyHandlers.ofByteArray());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        server.faults().recover(failing);
        server.faults().recover(slow);

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid.body())).isEqualTo(json("{\"message\":\"The messages field is required.\"}"));
        assertThat(failed).containsExactly(503, 503);
        assertThat(delayed.statusCode()).isEqualTo(200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
        assertThat(client.send(signed(failing, "converse", body), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        assertThat(server.faults().failuresServed(failing)).isEqualTo(2);
    }

    @Test
    void contextLengthFaultIsBedrocksExactValidationException() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}";
        for (String operation : List.of("converse", "converse-stream")) {
            HttpResponse<String> r = client.send(signed("fault-context-length", operation, body),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("x-amzn-ErrorType"))
                    .contains("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/");
            assertThat(json(r.body())).isEqualTo(json("{\"message\":\"Input is too long for requested model.\"}"));
        }
    }
}
