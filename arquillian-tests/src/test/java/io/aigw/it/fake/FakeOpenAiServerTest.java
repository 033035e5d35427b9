package io.aigw.it.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Self-check of {@link FakeOpenAiServer} on its own ephemeral port, through {@link HttpClient}. */
class FakeOpenAiServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String EOF = "<EOF>";

    private static FakeOpenAiServer server;
    private static HttpClient client;

    @BeforeAll
    static void startFake() throws IOException {
        server = FakeOpenAiServer.start(0);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    @AfterAll
    static void stopFake() {
        server.stop();
    }

    @Test
    void nonStreamChatHasTheOpenAiShapeAndExactUsage() throws Exception {
        HttpResponse<String> response = send(chat("gpt-4o-mini", false).add("user", "shape-check").build());

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertTrue(response.headers().firstValue("x-request-id").orElseThrow().startsWith("req_"));
        assertTrue(response.headers().firstValue("openai-processing-ms").isPresent());
        JsonObject body = parse(response.body());
        assertTrue(body.getString("id").startsWith("chatcmpl-"));
        assertEquals("chat.completion", body.getString("object"));
        assertEquals("gpt-4o-mini", body.getString("model"));
        assertEquals("fp_fake", body.getString("system_fingerprint"));
        JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
        assertEquals(0, choice.getInt("index"));
        assertEquals("Hello from gpt-4o-mini.", choice.getJsonObject("message").getString("content"));
        assertEquals(JsonValue.NULL, choice.getJsonObject("message").get("refusal"));
        assertEquals("stop", choice.getString("finish_reason"));
        JsonObject usage = body.getJsonObject("usage");
        assertEquals(5, usage.getInt("prompt_tokens"));
        assertEquals(3, usage.getInt("completion_tokens"));
        assertEquals(8, usage.getInt("total_tokens"));
        assertEquals(0, usage.getJsonObject("completion_tokens_details").getInt("reasoning_tokens"));
        assertEquals("shape-check", server.lastRequestWithUser("shape-check").orElseThrow().user().orElseThrow());
    }

    @Test
    void maxTokensCutsTheReplyAndEndsWithLength() throws Exception {
        JsonObject body = parse(send(chat("gpt-4o", false).add("max_tokens", 2).add("n", 2).build()).body());

        JsonArray choices = body.getJsonArray("choices");
        assertEquals(2, choices.size());
        assertEquals(1, choices.getJsonObject(1).getInt("index"));
        assertEquals("Hello from", choices.getJsonObject(0).getJsonObject("message").getString("content"));
        assertEquals("length", choices.getJsonObject(0).getString("finish_reason"));
        assertEquals(4, body.getJsonObject("usage").getInt("completion_tokens"));
    }

    @Test
    void streamIsFramedAsFlushedEventsEndingWithUsageAndDone() throws Exception {
        JsonObject request = chat("fake-framing", true)
                .add("stream_options", Json.createObjectBuilder().add("include_usage", true)).build();
        HttpResponse<String> response = send(request);

        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
        assertTrue(response.body().endsWith("data: [DONE]\n\n"));
        List<JsonObject> chunks = new ArrayList<>();
        for (String event : response.body().split("\n\n")) {
            assertTrue(event.startsWith("data: "), event);
            if (!event.equals("data: [DONE]")) {
                chunks.add(parse(event.substring("data: ".length())));
            }
        }
        assertEquals(6, chunks.size(), "role, 3 words, finish, usage");
        JsonObject first = chunks.get(0).getJsonArray("choices").getJsonObject(0);
        assertEquals("assistant", first.getJsonObject("delta").getString("role"));
        assertEquals("", first.getJsonObject("delta").getString("content"));
        StringBuilder content = new StringBuilder();
        for (JsonObject chunk : chunks.subList(1, 4)) {
            content.append(chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content"));
        }
        assertEquals("Hello from fake-framing.", content.toString());
        JsonObject finish = chunks.get(4).getJsonArray("choices").getJsonObject(0);
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, finish.getJsonObject("delta"));
        assertEquals("stop", finish.getString("finish_reason"));
        assertEquals(JsonValue.NULL, chunks.get(4).get("usage"));
        JsonObject last = chunks.get(5);
        assertTrue(last.getJsonArray("choices").isEmpty());
        assertEquals(8, last.getJsonObject("usage").getInt("total_tokens"));
        for (JsonObject chunk : chunks) {
            assertEquals(chunks.get(0).getString("id"), chunk.getString("id"));
            assertEquals("chat.completion.chunk", chunk.getString("object"));
        }
    }

    @Test
    void toolsAndWeatherGiveTwoParallelToolCalls() throws Exception {
        JsonObject request = chat("gpt-4o-mini", false).add("tools", Json.createArrayBuilder().add(Json
                .createObjectBuilder().add("type", "function")
                .add("function", Json.createObjectBuilder().add("name", "get_weather")))).build();
        JsonObject choice = parse(send(request).body()).getJsonArray("choices").getJsonObject(0);

        assertEquals("tool_calls", choice.getString("finish_reason"));
        JsonArray calls = choice.getJsonObject("message").getJsonArray("tool_calls");
        assertEquals("call_2", calls.getJsonObject(1).getString("id"));
        assertEquals("{\"city\":\"Rome\"}", calls.getJsonObject(1).getJsonObject("function").getString("arguments"));
    }

    @Test
    void toolResultsAnsweringEveryCallGetTheFinalAnswer() throws Exception {
        HttpResponse<String> response = send(conversation(user("weather in Paris and Rome"),
                assistantCalling("call_1", "call_2"), toolResult("call_2"), toolResult("call_1")));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject choice = parse(response.body()).getJsonArray("choices").getJsonObject(0);
        assertEquals("Hello from gpt-4o-mini.", choice.getJsonObject("message").getString("content"));
        assertEquals("stop", choice.getString("finish_reason"));
    }

    @Test
    void toolMessagesThatAnswerNoToolCallAreRejectedLikeOpenAi() throws Exception {
        assertRejected(conversation(user("weather"), toolResult("call_1")),
                "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with "
                        + "'tool_calls'.", "messages.[1].role");
        assertRejected(conversation(user("weather"), assistantCalling("call_1"), toolResult("call_9")),
                "Invalid parameter: 'tool_call_id' of 'call_9' not found in 'tool_calls' of previous message.",
                "messages.[2].tool_call_id");
        assertRejected(conversation(user("weather"), assistantCalling("call_1"),
                Json.createObjectBuilder().add("role", "tool").add("content", "18")),
                "Missing parameter 'tool_call_id': messages with role 'tool' must have a 'tool_call_id'.",
                "messages.[2].tool_call_id");
        assertRejected(conversation(user("weather"), assistantCalling("call_1"), toolResult("call_1"),
                user("and Rome?"), toolResult("call_1")),
                "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with "
                        + "'tool_calls'.", "messages.[4].role");
    }

    @Test
    void toolCallsLeftUnansweredAreRejectedLikeOpenAi() throws Exception {
        assertRejected(conversation(user("weather"), assistantCalling("call_1", "call_2", "call_3"),
                toolResult("call_2"), user("never mind")),
                "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
                        + "'tool_call_id'. The following tool_call_ids did not have response messages: call_1, call_3",
                "messages.[3].role");
        assertRejected(conversation(user("weather"), assistantCalling("call_1", "call_2"), toolResult("call_1")),
                "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
                        + "'tool_call_id'. The following tool_call_ids did not have response messages: call_2",
                "messages");
    }

    @Test
    void fault429CarriesRateLimitHeadersAndEnvelope() throws Exception {
        HttpResponse<String> response = send(chat("fault-429", false).build());

        assertEquals(429, response.statusCode());
        assertEquals("7", response.headers().firstValue("retry-after").orElseThrow());
        assertEquals("0", response.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        assertEquals("rate_limit_exceeded", parse(response.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void wrongKeyUnknownModelAndUnknownPathAreRejectedLikeOpenAi() throws Exception {
        HttpRequest badKey = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer sk-wrong").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> unauthorized = client.send(badKey, HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unauthorized.statusCode());
        assertEquals("invalid_api_key", parse(unauthorized.body()).getJsonObject("error").getString("code"));

        assertEquals(404, send(chat("nosuch-model", false).build()).statusCode());
        HttpResponse<String> notJson = send("/chat/completions", "{not json");
        assertEquals(400, notJson.statusCode());
        HttpResponse<String> unknown = send("/xyz", "{}");
        assertEquals("Invalid URL (POST /v1/xyz)", parse(unknown.body()).getJsonObject("error").getString("message"));
    }

    @Test
    void gateHoldsTheStreamAfterTheFirstChunkUntilReleased() throws Exception {
        StreamGate gate = server.gate("gate-self-check");
        JsonObject request = chat(ChatReply.GATED_MODEL, true).add("user", "gate-self-check")
                .add("stream_options", Json.createObjectBuilder().add("include_usage", true)).build();
        BlockingQueue<String> lines = readLinesInBackground(request);

        assertTrue(pollUntil(lines, "\"content\":\"Hello \""), "first chunk arrives before release");
        assertTrue(gate.awaitReached(WAIT));
        assertNull(lines.poll(300, TimeUnit.MILLISECONDS), "nothing more while the gate is closed");

        gate.release();
        assertTrue(pollUntil(lines, "\"content\":\"world.\""));
        assertTrue(pollUntil(lines, "\"completion_tokens\":2"));
        assertTrue(pollUntil(lines, "data: [DONE]"));
    }

    @Test
    void resetMidstreamDropsTheConnectionBeforeDone() throws Exception {
        BlockingQueue<String> lines = readLinesInBackground(chat("fault-reset-midstream", true).build());

        assertTrue(pollUntil(lines, "\"content\":\"from \""), "the chunks before the drop arrive");
        List<String> rest = drain(lines);
        assertFalse(rest.contains("data: [DONE]"), rest::toString);
        String end = rest.get(rest.size() - 1);
        assertTrue(end.startsWith("<java.io.IOException"), "the body must end with an I/O error: " + end);
    }

    @Test
    void stopDoesNotWaitForAHangingRequest() throws Exception {
        FakeOpenAiServer own = FakeOpenAiServer.start(0);
        HttpRequest hanging = HttpRequest.newBuilder(URI.create(own.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + FakeOpenAiServer.UPSTREAM_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(chat("fault-timeout", false).build().toString())).build();
        CompletableFuture<HttpResponse<String>> reply = client.sendAsync(hanging, HttpResponse.BodyHandlers.ofString());
        assertTrue(own.awaitRequestFor("fault-timeout", WAIT).isPresent());

        assertTimeoutPreemptively(Duration.ofSeconds(5), own::stop);
        ExecutionException dropped = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
        assertTrue(dropped.getCause() instanceof IOException, dropped.getCause()::toString);
    }

    @Test
    void failNextFailsExactlyThatManyRequestsPlainOrStreamedThenServes() throws Exception {
        String model = "gpt-scripted-next";
        server.faults().failNext(model, 2, 503, Duration.ofMillis(1500));

        List<HttpResponse<String>> failed = List.of(send(chat(model, false).build()), send(chat(model, true).build()));
        HttpResponse<String> plain = send(chat(model, false).build());
        HttpResponse<String> streamed = send(chat(model, true).build());

        for (HttpResponse<String> response : failed) {
            assertEquals(503, response.statusCode());
            assertEquals("2", response.headers().firstValue("retry-after").orElseThrow(), "1.5 s rounded up");
            assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
            assertEquals(parse("""
                    {"error":{"message":"The engine is currently overloaded, please try again later",
                     "type":"server_error","param":null,"code":null}}"""), parse(response.body()));
        }
        assertEquals(200, plain.statusCode());
        assertEquals("Hello from gpt-scripted-next.", parse(plain.body()).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
        assertEquals(200, streamed.statusCode());
        assertTrue(streamed.body().endsWith("data: [DONE]\n\n"), streamed.body());
        assertEquals(2, server.faults().failuresServed(model));
    }

    @Test
    void failNextFailsExactlyThatManyOfConcurrentRequests() throws Exception {
        String model = "gpt-scripted-concurrent";
        server.faults().failNext(model, 5, 500, null);

        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pending.add(client.sendAsync(post("/chat/completions", chat(model, false).build().toString()),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> failed = new ArrayList<>();
        int served = 0;
        for (CompletableFuture<HttpResponse<String>> reply : pending) {
            HttpResponse<String> response = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (response.statusCode() == 200) {
                served++;
            } else {
                failed.add(response);
            }
        }

        assertEquals(15, served);
        assertEquals(5, failed.size());
        for (HttpResponse<String> response : failed) {
            assertEquals(500, response.statusCode());
            assertFalse(response.headers().firstValue("retry-after").isPresent(), "no retry-after was scripted");
            assertEquals(parse("""
                    {"error":{"message":"The server had an error while processing your request.",
                     "type":"server_error","param":null,"code":null}}"""), parse(response.body()));
        }
        assertEquals(5, server.faults().failuresServed(model));
    }

    @Test
    void aScripted429IsTheRateLimitErrorWithRetryAfterOnlyWhenGiven() throws Exception {
        String model = "gpt-scripted-429";
        JsonObject rateLimited = parse("""
                {"error":{"message":"Rate limit reached for requests","type":"requests","param":null,
                 "code":"rate_limit_exceeded"}}""");

        server.faults().failNext(model, 1, 429, Duration.ofSeconds(3));
        HttpResponse<String> withRetryAfter = send(chat(model, false).build());
        server.faults().failNext(model, 1, 429, null);
        HttpResponse<String> without = send(chat(model, true).build());

        assertEquals(429, withRetryAfter.statusCode());
        assertEquals("3", withRetryAfter.headers().firstValue("retry-after").orElseThrow());
        assertEquals("3s", withRetryAfter.headers().firstValue("x-ratelimit-reset-requests").orElseThrow());
        assertEquals(rateLimited, parse(withRetryAfter.body()));
        assertEquals(429, without.statusCode());
        assertFalse(without.headers().firstValue("retry-after").isPresent());
        assertEquals("0", without.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        assertEquals(rateLimited, parse(without.body()));
        assertEquals(200, send(chat(model, false).build()).statusCode());
    }

    @Test
    void failAlwaysFailsEveryRequestUntilRecover() throws Exception {
        String model = "gpt-scripted-always";
        server.faults().failAlways(model, 500);

        for (int i = 0; i < 3; i++) {
            assertEquals(500, send(chat(model, i % 2 == 1).build()).statusCode());
        }
        server.faults().recover(model);

        assertEquals(200, send(chat(model, false).build()).statusCode());
        assertEquals(200, send(chat(model, true).build()).statusCode());
        assertEquals(3, server.faults().failuresServed(model), "recover keeps the count");
    }

    @Test
    void delayHoldsTheAnswerForItsLengthAndRecoverWakesItEarly() throws Exception {
        String slow = "gpt-scripted-slow";
        String stuck = "gpt-scripted-stuck";
        server.faults().delay(slow, Duration.ofMillis(400));
        server.faults().delay(stuck, Duration.ofSeconds(60));

        long start = System.nanoTime();
        HttpResponse<String> delayed = send(chat(slow, false).build());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(
                post("/chat/completions", chat(stuck, true).build().toString()), HttpResponse.BodyHandlers.ofString());
        assertTrue(server.awaitRequestFor(stuck, WAIT).isPresent());

        assertEquals(200, delayed.statusCode());
        assertTrue(elapsedMillis >= 400, "answered after " + elapsedMillis + " ms");
        assertThrows(TimeoutException.class, () -> held.get(300, TimeUnit.MILLISECONDS), "no status line yet");
        server.faults().recover(stuck);
        HttpResponse<String> woken = held.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, woken.statusCode());
        assertTrue(woken.body().endsWith("data: [DONE]\n\n"), woken.body());
        server.faults().recover(slow);
    }

    @Test
    void scriptsApplyToTheExactModelOnlyAndAfterTheRequestIsValidated() throws Exception {
        String model = "gpt-scripted-exact";
        server.faults().failAlways(model, 503);

        HttpResponse<String> other = send(chat(model + "-2", false).build());
        HttpResponse<String> invalid = send(Json.createObjectBuilder().add("model", model)
                .add("messages", Json.createArrayBuilder()).build());
        IllegalArgumentException unscriptable = assertThrows(IllegalArgumentException.class,
                () -> server.faults().failNext(model, 1, 529, null));

        assertEquals(200, other.statusCode());
        assertEquals(400, invalid.statusCode());
        assertEquals("empty_array", parse(invalid.body()).getJsonObject("error").getString("code"));
        assertEquals("The fake OpenAI server has no error reply for HTTP 529; it can script 401, 403, 429, 500 and "
                + "503.", unscriptable.getMessage());
        assertEquals(503, send(chat(model, false).build()).statusCode(), "the rejected script left the old one");
        assertEquals(1, server.faults().failuresServed(model));
        server.faults().recover(model);
    }

    @Test
    void clearRemovesEveryScriptWakesDelayedRequestsAndResetsTheCounts() throws Exception {
        try (FakeOpenAiServer own = FakeOpenAiServer.start(0)) {
            own.faults().failAlways("gpt-a", 500);
            own.faults().failNext("gpt-b", 3, 429, Duration.ofSeconds(1));
            own.faults().delay("gpt-c", Duration.ofSeconds(60));
            assertEquals(500, client.send(post(own, chat("gpt-a", false).build()),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            CompletableFuture<HttpResponse<String>> held = client.sendAsync(post(own, chat("gpt-c", false).build()),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(own.awaitRequestFor("gpt-c", WAIT).isPresent());

            own.faults().clear();

            assertEquals(200, held.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode());
            for (String model : List.of("gpt-a", "gpt-b", "gpt-c")) {
                assertEquals(200, client.send(post(own, chat(model, false).build()),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), model);
            }
            assertEquals(0, own.faults().failuresServed("gpt-a"));
        }
    }

    @Test
    void stopWakesARequestSleepingInAScriptedDelay() throws Exception {
        FakeOpenAiServer own = FakeOpenAiServer.start(0);
        own.faults().delay("gpt-slow", Duration.ofSeconds(60));
        CompletableFuture<HttpResponse<String>> reply = client.sendAsync(post(own, chat("gpt-slow", false).build()),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(own.awaitRequestFor("gpt-slow", WAIT).isPresent());

        assertTimeoutPreemptively(Duration.ofSeconds(5), own::stop);
        ExecutionException dropped = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
        assertTrue(dropped.getCause() instanceof IOException, dropped.getCause()::toString);
    }

    @Test
    void contextLengthFaultIsOpenAisExactError() throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> response = send(chat("fault-context-length", stream).build());

            assertEquals(400, response.statusCode());
            assertEquals(parse("""
                    {"error":{"message":"This model's maximum context length is 128000 tokens. However, your \
                    messages resulted in 130000 tokens. Please reduce the length of the messages.",
                     "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"""),
                    parse(response.body()));
        }
    }

    private static ChatBody chat(String model, boolean stream) {
        return new ChatBody(Json.createObjectBuilder().add("model", model).add("stream", stream)
                .add("messages", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("role", "system").add("content", "Be brief."))
                        .add(Json.createObjectBuilder().add("role", "user").add("content", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("type", "text").add("text", "weather in Paris"))))));
    }

    private static JsonObject conversation(JsonObjectBuilder... messages) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder message : messages) {
            array.add(message);
        }
        return Json.createObjectBuilder().add("model", "gpt-4o-mini").add("messages", array).build();
    }

    private static JsonObjectBuilder user(String text) {
        return Json.createObjectBuilder().add("role", "user").add("content", text);
    }

    /** An assistant message calling {@code get_weather} once per id. */
    private static JsonObjectBuilder assistantCalling(String... ids) {
        JsonArrayBuilder calls = Json.createArrayBuilder();
        for (String id : ids) {
            calls.add(Json.createObjectBuilder().add("id", id).add("type", "function")
                    .add("function", Json.createObjectBuilder().add("name", "get_weather").add("arguments", "{}")));
        }
        return Json.createObjectBuilder().add("role", "assistant").addNull("content").add("tool_calls", calls);
    }

    private static JsonObjectBuilder toolResult(String id) {
        return Json.createObjectBuilder().add("role", "tool").add("tool_call_id", id).add("content", "18 C");
    }

    /** The request gets 400 with exactly this OpenAI error ({@code invalid_request_error}, no code). */
    private static void assertRejected(JsonObject request, String message, String param) throws Exception {
        HttpResponse<String> response = send(request);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("message", message)
                .add("type", "invalid_request_error").add("param", param).addNull("code")).build(),
                parse(response.body()));
    }

    /** Keeps the call sites short: {@code chat(...).add(...).build()}. */
    private record ChatBody(JsonObjectBuilder builder) {
        ChatBody add(String name, String value) {
            builder.add(name, value);
            return this;
        }

        ChatBody add(String name, int value) {
            builder.add(name, value);
            return this;
        }

        ChatBody add(String name, JsonObjectBuilder value) {
            builder.add(name, value);
            return this;
        }

        ChatBody add(String name, JsonArrayBuilder value) {
            builder.add(name, value);
            return this;
        }

        JsonObject build() {
            return builder.build();
        }
    }

    private static HttpResponse<String> send(JsonObject body) throws IOException, InterruptedException {
        return send("/chat/completions", body.toString());
    }

    private static HttpResponse<String> send(String path, String body) throws IOException, InterruptedException {
        return client.send(post(path, body), HttpResponse.BodyHandlers.ofString());
    }

    /** A chat completion request to another fake than the shared one. */
    private static HttpRequest post(FakeOpenAiServer target, JsonObject body) {
        return post(target.baseUrl(), "/chat/completions", body.toString());
    }

    private static HttpRequest post(String path, String body) {
        return post(server.baseUrl(), path, body);
    }

    private static HttpRequest post(String baseUrl, String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(WAIT)
                .header("Authorization", "Bearer " + FakeOpenAiServer.UPSTREAM_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    /**
     * Streams the response's non-blank lines into a queue as they arrive, then {@value #EOF} on a clean end
     * or {@code <exception>} on a broken one. A line subscriber gets every line received before an error.
     */
    private static BlockingQueue<String> readLinesInBackground(JsonObject body) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        client.sendAsync(post("/chat/completions", body.toString()),
                HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        if (!line.isBlank()) {
                            lines.add(line);
                        }
                    }

                    @Override
                    public void onError(Throwable failure) {
                        lines.add("<" + failure + ">");
                    }

                    @Override
                    public void onComplete() {
                        lines.add(EOF);
                    }
                })).exceptionally(failure -> {
                    lines.add("<" + failure.getCause() + ">");
                    return null;
                });
        return lines;
    }

    /** Takes the remaining lines up to and including the terminal marker (fails after {@link #WAIT}). */
    private static List<String> drain(BlockingQueue<String> lines) throws InterruptedException {
        List<String> rest = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        String line;
        do {
            line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull(line, "the stream did not end in time");
            rest.add(line);
        } while (!line.equals(EOF) && !line.startsWith("<"));
        return rest;
    }

    /** Takes lines until one contains {@code text} (true) or the stream ends or {@link #WAIT} passes (false). */
    private static boolean pollUntil(BlockingQueue<String> lines, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (String line = ""; line != null && !line.equals(EOF) && !line.startsWith("<");
                line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            if (line.contains(text)) {
                return true;
            }
        }
        return false;
    }
}
