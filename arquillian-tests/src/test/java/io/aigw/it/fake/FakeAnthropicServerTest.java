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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Self-check of {@link FakeAnthropicServer} on its own ephemeral port, through {@link HttpClient}. */
class FakeAnthropicServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String EOF = "<EOF>";
    private static final String VERSION = "2023-06-01";

    private static FakeAnthropicServer server;
    private static HttpClient client;

    /** One server-sent event: its {@code event:} name and parsed {@code data:} JSON. */
    private record Event(String name, JsonObject data) {
    }

    @BeforeAll
    static void startFake() throws IOException {
        server = FakeAnthropicServer.start(0);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    @AfterAll
    static void stopFake() {
        server.stop();
    }

    @Test
    void nonStreamMessageHasTheAnthropicShapeAndExactUsage() throws Exception {
        JsonObject request = messages("claude-sonnet-4-5", "What is the capital of France?")
                .add("system", "Be brief.")
                .add("metadata", Json.createObjectBuilder().add("user_id", "shape-check")).build();
        HttpResponse<String> response = send(request);

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertTrue(response.headers().firstValue("request-id").orElseThrow().matches("req_[0-9a-f]+"));
        JsonObject body = parse(response.body());
        assertTrue(body.getString("id").matches("msg_[0-9a-f]+"));
        assertEquals("message", body.getString("type"));
        assertEquals("assistant", body.getString("role"));
        assertEquals("claude-sonnet-4-5", body.getString("model"));
        JsonArray content = body.getJsonArray("content");
        assertEquals(1, content.size());
        assertEquals(Json.createObjectBuilder().add("type", "text").add("text", "Hello from claude-sonnet-4-5.")
                .build(), content.getJsonObject(0));
        assertEquals("end_turn", body.getString("stop_reason"));
        assertEquals(JsonValue.NULL, body.get("stop_sequence"));
        assertEquals(usage(8, 0, 3), body.getJsonObject("usage"));

        RecordedRequest recorded = server.lastRequestWithMetadataUser("shape-check").orElseThrow();
        assertEquals("POST", recorded.method());
        assertEquals("/v1/messages", recorded.path());
        assertEquals(VERSION, recorded.header("Anthropic-Version").orElseThrow());
        assertEquals(request, recorded.json().orElseThrow());
    }

    @Test
    void cacheControlMaxTokensAndStopSequencesAreDeterministic() throws Exception {
        JsonObject cached = messages("claude-haiku-4-5", "Hi there").add("system", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "text").add("text", "Long shared context")
                        .add("cache_control", Json.createObjectBuilder().add("type", "ephemeral")))).build();
        JsonObject usage = parse(send(cached).body()).getJsonObject("usage");
        assertEquals(5, usage.getInt("input_tokens"));
        assertEquals(AnthropicJson.CACHE_READ_TOKENS, usage.getInt("cache_read_input_tokens"));
        assertEquals(0, usage.getInt("cache_creation_input_tokens"));

        JsonObject cut = parse(send(messages("claude-x", "Hi").add("max_tokens", 2).build()).body());
        assertEquals("Hello from", cut.getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("max_tokens", cut.getString("stop_reason"));
        assertEquals(2, cut.getJsonObject("usage").getInt("output_tokens"));

        JsonObject stopped = parse(send(messages("claude-x", "Hi")
                .add("stop_sequences", Json.createArrayBuilder().add("nowhere").add(" from")).build()).body());
        assertEquals("Hello", stopped.getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("stop_sequence", stopped.getString("stop_reason"));
        assertEquals(" from", stopped.getString("stop_sequence"));
        assertEquals(1, stopped.getJsonObject("usage").getInt("output_tokens"));
    }

    @Test
    void streamSendsNamedEventsInAnthropicOrder() throws Exception {
        HttpResponse<String> response = send(messages("fake-framing", "Hello you").add("stream", true).build());

        assertEquals(200, response.statusCode());
        assertEquals(AnthropicHttp.EVENT_STREAM_TYPE, response.headers().firstValue("content-type").orElseThrow());
        assertTrue(response.headers().firstValue("request-id").orElseThrow().startsWith("req_"));
        List<Event> events = events(response.body());
        assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"),
                names(events));
        JsonObject message = events.get(0).data().getJsonObject("message");
        assertTrue(message.getString("id").startsWith("msg_"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, message.getJsonArray("content"));
        assertEquals(JsonValue.NULL, message.get("stop_reason"));
        assertEquals(usage(2, 0, 1), message.getJsonObject("usage"));
        assertEquals(parse("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
                + "\"text\":\"\"}}"), events.get(1).data());
        assertEquals(parse("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                + "\"text\":\"Hello \"}}"), events.get(3).data());
        assertEquals("Hello from fake-framing.", text(events));
        assertEquals(parse("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}"), events.get(7).data());
        assertEquals(parse("{\"type\":\"message_stop\"}"), events.get(8).data());
        assertEquals(0, server.activeStreams());
    }

    @Test
    void toolsAndWeatherStreamTwoParallelToolUseBlocks() throws Exception {
        JsonObject request = messages("claude-sonnet-4-5", "What is the weather in Paris and Rome?")
                .add("stream", true)
                .add("tools", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "get_weather")
                        .add("description", "Current weather")
                        .add("input_schema", Json.createObjectBuilder().add("type", "object")))).build();
        List<Event> events = events(send(request).body());

        assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop"), names(events));
        assertEquals("Let me check.", text(events));
        assertEquals(parse("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
                + "\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":{}}}"), events.get(7).data());
        assertEquals("toolu_02", events.get(11).data().getJsonObject("content_block").getString("id"));
        assertEquals("{\"city\":\"Paris\"}", partialJson(events.subList(8, 10), 1));
        assertEquals("{\"city\":\"Rome\"}", partialJson(events.subList(12, 14), 2));
        assertEquals(2, events.get(14).data().getInt("index"));
        assertEquals("tool_use", events.get(15).data().getJsonObject("delta").getString("stop_reason"));

        JsonObject plain = parse(send(Json.createObjectBuilder(request).add("stream", false).build()).body());
        assertEquals("tool_use", plain.getString("stop_reason"));
        JsonArray content = plain.getJsonArray("content");
        assertEquals(3, content.size());
        assertEquals(parse("{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"get_weather\","
                + "\"input\":{\"city\":\"Rome\"}}"), content.getJsonObject(2));
    }

    @Test
    void toolResultsAnsweringEveryToolUseGetTheFinalAnswer() throws Exception {
        HttpResponse<String> response = send(conversation(user("What is the weather in Paris and Rome?"),
                assistantUsing("toolu_01", "toolu_02"), results(toolResult("toolu_02"), toolResult("toolu_01"))));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = parse(response.body());
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "text")
                .add("text", "Hello from claude-sonnet-4-5.")).build(), body.getJsonArray("content"));
        assertEquals("end_turn", body.getString("stop_reason"));
    }

    @Test
    void consecutiveTurnsOfOneRoleAreCombinedAsAnthropicDocuments() throws Exception {
        HttpResponse<String> assistantFirst = send(conversation(
                Json.createObjectBuilder().add("role", "assistant").add("content", "How can I help?"),
                user("Hello"), user("there")));
        assertEquals(200, assistantFirst.statusCode(), assistantFirst.body());

        HttpResponse<String> resultsSplit = send(conversation(user("weather?"), assistantUsing("toolu_01", "toolu_02"),
                results(toolResult("toolu_01")), results(toolResult("toolu_02"), text("Thanks"))));
        assertEquals(200, resultsSplit.statusCode(), resultsSplit.body());
    }

    @Test
    void toolUseNotAnsweredFirstInTheNextTurnIsRejectedLikeAnthropic() throws Exception {
        assertRejected(conversation(user("weather?"), assistantUsing("toolu_01"),
                results(text("Here you go"), toolResult("toolu_01"))),
                "messages.2: Did not find 1 `tool_result` block(s) at the beginning of this message. Messages "
                        + "following `tool_use` blocks must begin with a matching number of `tool_result` blocks.");
        assertRejected(conversation(user("weather?"), assistantUsing("toolu_01", "toolu_02"), user("never mind")),
                "messages.2: Did not find 2 `tool_result` block(s) at the beginning of this message. Messages "
                        + "following `tool_use` blocks must begin with a matching number of `tool_result` blocks.");
        assertRejected(conversation(user("weather?"), assistantUsing("toolu_01", "toolu_02"),
                results(toolResult("toolu_01"), toolResult("toolu_01"))),
                "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_02. "
                        + "Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
        assertRejected(conversation(user("weather?"), assistantUsing("toolu_01")),
                "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01. "
                        + "Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
    }

    @Test
    void toolResultsAnsweringNoToolUseAreRejectedLikeAnthropic() throws Exception {
        assertRejected(conversation(user("weather?"), assistantUsing("toolu_01"),
                results(toolResult("toolu_99"))),
                "messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_99. Each "
                        + "`tool_result` block must have a corresponding `tool_use` block in the previous message.");
        assertRejected(conversation(results(toolResult("toolu_01"))),
                "messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01. Each "
                        + "`tool_result` block must have a corresponding `tool_use` block in the previous message.");
        assertRejected(conversation(user("weather?"), assistantUsing("toolu_01"),
                results(toolResult("toolu_01")), Json.createObjectBuilder().add("role", "assistant").add("content",
                        "It is sunny."), results(toolResult("toolu_01"))),
                "messages.4.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01. Each "
                        + "`tool_result` block must have a corresponding `tool_use` block in the previous message.");
    }

    @Test
    void fault429And529CarryAnthropicErrorsAndHeaders() throws Exception {
        HttpResponse<String> limited = send(messages("fault-429", "Hi").build());
        assertEquals(429, limited.statusCode());
        assertEquals("application/json", limited.headers().firstValue("content-type").orElseThrow());
        assertTrue(limited.headers().firstValue("request-id").orElseThrow().startsWith("req_"));
        assertEquals("9", limited.headers().firstValue("retry-after").orElseThrow());
        assertEquals("0", limited.headers().firstValue("anthropic-ratelimit-requests-remaining").orElseThrow());
        JsonObject body = parse(limited.body());
        assertEquals("error", body.getString("type"));
        assertEquals("rate_limit_error", body.getJsonObject("error").getString("type"));

        HttpResponse<String> overloaded = send(messages("fault-529", "Hi").add("stream", true).build());
        assertEquals(529, overloaded.statusCode());
        assertEquals(parse("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
                parse(overloaded.body()));
    }

    @Test
    void missingVersionWrongKeyBadBodyAndUnknownModelAreRejected() throws Exception {
        String body = messages("claude-sonnet-4-5", "Hi").build().toString();
        HttpResponse<String> noVersion = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/messages"))
                .header("x-api-key", FakeAnthropicServer.UPSTREAM_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noVersion.statusCode());
        assertEquals(parse("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"anthropic-version: header is required\"}}"), parse(noVersion.body()));

        HttpResponse<String> badKey = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/messages"))
                .header("x-api-key", "sk-wrong").header("anthropic-version", VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, badKey.statusCode());
        assertEquals(parse("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"invalid x-api-key\"}}"), parse(badKey.body()));

        JsonObject noMaxTokens = Json.createObjectBuilder(messages("claude-x", "Hi").build()).remove("max_tokens")
                .build();
        HttpResponse<String> missing = send(noMaxTokens);
        assertEquals(400, missing.statusCode());
        assertEquals("max_tokens: Field required", parse(missing.body()).getJsonObject("error").getString("message"));

        HttpResponse<String> unknown = send(messages("gpt-4o", "Hi").build());
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found_error", parse(unknown.body()).getJsonObject("error").getString("type"));
        assertEquals("model: gpt-4o", parse(unknown.body()).getJsonObject("error").getString("message"));
    }

    @Test
    void modelsListHasTheAnthropicPageShape() throws Exception {
        HttpResponse<String> response = client.send(authorized(server.baseUrl() + "/models").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject body = parse(response.body());
        assertEquals(200, response.statusCode());
        assertEquals(2, body.getJsonArray("data").size());
        assertEquals("Claude Sonnet 4.5", body.getJsonArray("data").getJsonObject(0).getString("display_name"));
        assertEquals(JsonValue.FALSE, body.get("has_more"));
        assertEquals("claude-haiku-4-5", body.getString("last_id"));
    }

    @Test
    void gateHoldsTheStreamAfterTheFirstDeltaUntilReleased() throws Exception {
        StreamGate gate = server.gate("gate-self-check");
        BlockingQueue<String> lines = readLinesInBackground(messages(AnthropicReply.GATED_MODEL, "Hi")
                .add("stream", true)
                .add("metadata", Json.createObjectBuilder().add("user_id", "gate-self-check")).build());

        assertTrue(pollUntil(lines, "\"text\":\"Hello \""), "first delta arrives before release");
        assertTrue(gate.awaitReached(WAIT));
        assertEquals(1, server.activeStreams());
        assertNull(lines.poll(300, TimeUnit.MILLISECONDS), "nothing more while the gate is closed");

        gate.release();
        assertTrue(pollUntil(lines, "\"text\":\"world.\""));
        assertTrue(pollUntil(lines, "\"output_tokens\":2"));
        assertTrue(pollUntil(lines, "event: message_stop"));
    }

    @Test
    void errorEventAndResetMidstreamEndTheStreamEarly() throws Exception {
        List<Event> events = events(send(messages("fault-error-event", "Hi").add("stream", true).build()).body());
        assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta", "error"),
                names(events));
        assertEquals("overloaded_error", events.get(4).data().getJsonObject("error").getString("type"));

        BlockingQueue<String> lines = readLinesInBackground(messages("fault-reset-midstream", "Hi")
                .add("stream", true).build());
        assertTrue(pollUntil(lines, "\"text\":\"from \""), "the deltas before the drop arrive");
        List<String> rest = drain(lines);
        assertFalse(rest.contains("event: message_stop"), rest::toString);
        String end = rest.get(rest.size() - 1);
        assertTrue(end.startsWith("<java.io.IOException"), "the body must end with an I/O error: " + end);
    }

    @Test
    void stopDoesNotWaitForAHangingRequest() throws Exception {
        FakeAnthropicServer own = FakeAnthropicServer.start(0);
        HttpRequest hanging = authorized(own.baseUrl() + "/messages")
                .POST(HttpRequest.BodyPublishers.ofString(messages("fault-timeout", "Hi").build().toString())).build();
        CompletableFuture<HttpResponse<String>> reply = client.sendAsync(hanging, HttpResponse.BodyHandlers.ofString());
        assertTrue(own.awaitRequestFor("fault-timeout", WAIT).isPresent());

        assertTimeoutPreemptively(Duration.ofSeconds(5), own::stop);
        ExecutionException dropped = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
        assertTrue(dropped.getCause() instanceof IOException, dropped.getCause()::toString);
    }

    @Test
    void failNextFailsExactlyThatManyRequestsPlainOrStreamedThenServes() throws Exception {
        String model = "claude-scripted-next";
        server.faults().failNext(model, 2, 529, Duration.ofSeconds(5));

        List<HttpResponse<String>> failed = List.of(send(messages(model, "Hi").build()),
                send(messages(model, "Hi").add("stream", true).build()));
        HttpResponse<String> plain = send(messages(model, "Hi").build());
        HttpResponse<String> streamed = send(messages(model, "Hi").add("stream", true).build());

        for (HttpResponse<String> response : failed) {
            assertEquals(529, response.statusCode());
            assertEquals("5", response.headers().firstValue("retry-after").orElseThrow());
            assertTrue(response.headers().firstValue("request-id").orElseThrow().matches("req_[0-9a-f]+"));
            assertEquals(parse("""
                    {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""),
                    parse(response.body()));
        }
        assertEquals(200, plain.statusCode());
        assertEquals("Hello from claude-scripted-next.", parse(plain.body()).getJsonArray("content").getJsonObject(0)
                .getString("text"));
        assertEquals(200, streamed.statusCode());
        List<String> streamedEvents = names(events(streamed.body()));
        assertEquals("message_stop", streamedEvents.get(streamedEvents.size() - 1));
        assertEquals(2, server.faults().failuresServed(model));
    }

    @Test
    void scriptedStatusesAreAnthropicsErrorsWithRetryAfterOnlyWhenGiven() throws Exception {
        String model = "claude-scripted-statuses";
        server.faults().failNext(model, 1, 429, Duration.ofSeconds(2));
        HttpResponse<String> rateLimited = send(messages(model, "Hi").build());
        server.faults().failNext(model, 1, 429, null);
        HttpResponse<String> rateLimitedBare = send(messages(model, "Hi").build());
        server.faults().failNext(model, 1, 500, null);
        HttpResponse<String> apiError = send(messages(model, "Hi").build());

        assertEquals(429, rateLimited.statusCode());
        assertEquals("2", rateLimited.headers().firstValue("retry-after").orElseThrow());
        assertEquals("0", rateLimited.headers().firstValue("anthropic-ratelimit-requests-remaining").orElseThrow());
        JsonObject rateLimitBody = parse("""
                {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate \
                limit for your organization of 50 requests per minute. Please try again later."}}""");
        assertEquals(rateLimitBody, parse(rateLimited.body()));
        assertEquals(429, rateLimitedBare.statusCode());
        assertFalse(rateLimitedBare.headers().firstValue("retry-after").isPresent());
        assertEquals(rateLimitBody, parse(rateLimitedBare.body()));
        assertEquals(500, apiError.statusCode());
        assertFalse(apiError.headers().firstValue("retry-after").isPresent());
        assertEquals(parse("""
                {"type":"error","error":{"type":"api_error","message":"Internal server error"}}"""),
                parse(apiError.body()));
        assertEquals(200, send(messages(model, "Hi").build()).statusCode());
        IllegalArgumentException unscriptable = assertThrows(IllegalArgumentException.class,
                () -> server.faults().failAlways(model, 503));
        assertEquals("The fake Anthropic server has no error reply for HTTP 503; it can script 401, 429, 500 and 529.",
                unscriptable.getMessage());
    }

    @Test
    void failAlwaysAndDelayLastUntilRecoverAndApplyAfterValidation() throws Exception {
        String failing = "claude-scripted-always";
        String slow = "claude-scripted-slow";
        server.faults().failAlways(failing, 500);
        server.faults().delay(slow, Duration.ofMillis(400));

        HttpResponse<String> invalid = send(Json.createObjectBuilder().add("model", failing).add("max_tokens", 10)
                .add("messages", Json.createArrayBuilder()).build());
        List<Integer> failed = List.of(send(messages(failing, "Hi").build()).statusCode(),
                send(messages(failing, "Hi").add("stream", true).build()).statusCode());
        long start = System.nanoTime();
        HttpResponse<String> delayed = send(messages(slow, "Hi").add("stream", true).build());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        server.faults().recover(failing);
        server.faults().recover(slow);

        assertEquals(400, invalid.statusCode());
        assertEquals("messages: at least one message is required",
                parse(invalid.body()).getJsonObject("error").getString("message"));
        assertEquals(List.of(500, 500), failed);
        assertEquals(200, delayed.statusCode());
        assertTrue(elapsedMillis >= 400, "answered after " + elapsedMillis + " ms");
        assertEquals(200, send(messages(failing, "Hi").build()).statusCode());
        assertEquals(2, server.faults().failuresServed(failing));
    }

    @Test
    void contextLengthFaultIsAnthropicsExactError() throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> response = send(messages("fault-context-length", "Hi").add("stream", stream)
                    .build());

            assertEquals(400, response.statusCode());
            assertEquals(parse("""
                    {"type":"error","error":{"type":"invalid_request_error",
                     "message":"prompt is too long: 210000 tokens > 200000 maximum"}}"""), parse(response.body()));
        }
    }

    private static JsonObjectBuilder messages(String model, String userText) {
        return Json.createObjectBuilder().add("model", model).add("max_tokens", 1024)
                .add("messages", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("role", "user").add("content", userText)));
    }

    private static JsonObject conversation(JsonObjectBuilder... messages) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder message : messages) {
            array.add(message);
        }
        return Json.createObjectBuilder().add("model", "claude-sonnet-4-5").add("max_tokens", 1024)
                .add("messages", array).build();
    }

    private static JsonObjectBuilder user(String text) {
        return Json.createObjectBuilder().add("role", "user").add("content", text);
    }

    /** An assistant turn: "Let me check." and one {@code get_weather} tool use per id. */
    private static JsonObjectBuilder assistantUsing(String... ids) {
        JsonArrayBuilder content = Json.createArrayBuilder().add(text("Let me check."));
        for (String id : ids) {
            content.add(Json.createObjectBuilder().add("type", "tool_use").add("id", id).add("name", "get_weather")
                    .add("input", Json.createObjectBuilder().add("city", "Paris")));
        }
        return Json.createObjectBuilder().add("role", "assistant").add("content", content);
    }

    /** A user turn of these blocks. */
    private static JsonObjectBuilder results(JsonObjectBuilder... blocks) {
        JsonArrayBuilder content = Json.createArrayBuilder();
        for (JsonObjectBuilder block : blocks) {
            content.add(block);
        }
        return Json.createObjectBuilder().add("role", "user").add("content", content);
    }

    private static JsonObjectBuilder toolResult(String id) {
        return Json.createObjectBuilder().add("type", "tool_result").add("tool_use_id", id).add("content", "18 C");
    }

    private static JsonObjectBuilder text(String text) {
        return Json.createObjectBuilder().add("type", "text").add("text", text);
    }

    /** The request gets 400 with exactly this {@code invalid_request_error}. */
    private static void assertRejected(JsonObject request, String message) throws Exception {
        HttpResponse<String> response = send(request);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(Json.createObjectBuilder().add("type", "error").add("error", Json.createObjectBuilder()
                .add("type", "invalid_request_error").add("message", message)).build(), parse(response.body()));
    }

    private static JsonObject usage(int input, int cacheRead, int output) {
        return Json.createObjectBuilder().add("input_tokens", input).add("cache_creation_input_tokens", 0)
                .add("cache_read_input_tokens", cacheRead).add("output_tokens", output).build();
    }

    private static HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
                .header("x-api-key", FakeAnthropicServer.UPSTREAM_KEY)
                .header("anthropic-version", VERSION)
                .header("content-type", "application/json");
    }

    private static HttpResponse<String> send(JsonObject body) throws IOException, InterruptedException {
        return client.send(post(body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest post(JsonObject body) {
        return authorized(server.baseUrl() + "/messages").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    /** Splits an SSE body into events, checking the framing and that each event is named after its type. */
    private static List<Event> events(String body) {
        assertTrue(body.endsWith("\n\n"), body);
        List<Event> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            String[] lines = frame.split("\n");
            assertEquals(2, lines.length, frame);
            assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: "), frame);
            Event event = new Event(lines[0].substring(7), parse(lines[1].substring(6)));
            assertEquals(event.name(), event.data().getString("type"), frame);
            events.add(event);
        }
        return events;
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    /** Concatenates the {@code text_delta}s of block 0. */
    private static String text(List<Event> events) {
        StringBuilder text = new StringBuilder();
        for (Event event : events) {
            if (event.name().equals("content_block_delta") && event.data().getInt("index") == 0) {
                text.append(event.data().getJsonObject("delta").getString("text"));
            }
        }
        return text.toString();
    }

    private static String partialJson(List<Event> deltas, int index) {
        StringBuilder json = new StringBuilder();
        for (Event delta : deltas) {
            assertEquals(index, delta.data().getInt("index"));
            assertEquals("input_json_delta", delta.data().getJsonObject("delta").getString("type"));
            json.append(delta.data().getJsonObject("delta").getString("partial_json"));
        }
        return json.toString();
    }

    /**
     * Streams the response's non-blank lines into a queue as they arrive, then {@value #EOF} on a clean end
     * or {@code <exception>} on a broken one.
     */
    private static BlockingQueue<String> readLinesInBackground(JsonObject body) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        client.sendAsync(post(body), HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
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
