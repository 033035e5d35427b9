package io.aigw.it.fake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** Self-check of {@link FakeGeminiServer} on its own ephemeral port, through {@link HttpClient}. */
class FakeGeminiServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String EOF = "<EOF>";

    private static FakeGeminiServer server;
    private static HttpClient client;

    @BeforeAll
    static void startFake() throws IOException {
        server = FakeGeminiServer.start(0);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    @AfterAll
    static void stopFake() {
        server.stop();
    }

    @Test
    void generateContentHasTheGeminiShapeAndExactUsage() throws Exception {
        JsonObject request = contents("What is the capital of France?")
                .add("systemInstruction", Json.createObjectBuilder().add("parts", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("text", "Be brief.")))).build();
        HttpResponse<String> response = generate("gemini-2.5-flash", request);

        assertEquals(200, response.statusCode());
        assertEquals(GeminiHttp.JSON_TYPE, response.headers().firstValue("content-type").orElseThrow());
        JsonObject body = parse(response.body());
        assertEquals("gemini-2.5-flash", body.getString("modelVersion"));
        assertFalse(body.getString("responseId").isEmpty());
        assertEquals(parse("""
                {"content":{"parts":[{"text":"Hello from gemini-2.5-flash."}],"role":"model"},
                 "finishReason":"STOP","index":0}"""), body.getJsonArray("candidates").getJsonObject(0));
        assertEquals(parse("""
                {"promptTokenCount":8,"candidatesTokenCount":3,"totalTokenCount":11,
                 "promptTokensDetails":[{"modality":"TEXT","tokenCount":8}]}"""), body.getJsonObject("usageMetadata"));

        RecordedRequest recorded = server.lastRequestFor("gemini-2.5-flash").orElseThrow();
        assertEquals("POST", recorded.method());
        assertEquals("/v1beta/models/gemini-2.5-flash:generateContent", recorded.path());
        assertEquals(request, recorded.json().orElseThrow());
    }

    @Test
    void generationConfigCachedContentAndThinkingAreDeterministic() throws Exception {
        JsonObject cut = parse(generate("gemini-x", contents("Hi").add("generationConfig", Json.createObjectBuilder()
                .add("maxOutputTokens", 2).add("candidateCount", 2)).build()).body());
        assertEquals(2, cut.getJsonArray("candidates").size());
        assertEquals("MAX_TOKENS", cut.getJsonArray("candidates").getJsonObject(1).getString("finishReason"));
        assertEquals(1, cut.getJsonArray("candidates").getJsonObject(1).getInt("index"));
        assertEquals("Hello from", text(cut.getJsonArray("candidates").getJsonObject(0)));
        assertEquals(4, cut.getJsonObject("usageMetadata").getInt("candidatesTokenCount"));

        JsonObject stopped = parse(generate("gemini-x", contents("Hi").add("generationConfig", Json.createObjectBuilder()
                .add("stopSequences", Json.createArrayBuilder().add(" from"))).build()).body());
        assertEquals("Hello", text(stopped.getJsonArray("candidates").getJsonObject(0)));

        JsonObject usage = parse(generate(GeminiReply.THINKING_MODEL, contents("Hi there").add("cachedContent",
                "cachedContents/abc").build()).body()).getJsonObject("usageMetadata");
        assertEquals(parse("""
                {"promptTokenCount":5,"candidatesTokenCount":3,"totalTokenCount":13,"cachedContentTokenCount":3,
                 "thoughtsTokenCount":5,"promptTokensDetails":[{"modality":"TEXT","tokenCount":5}]}"""), usage);
    }

    @Test
    void streamSendsOneDataEventPerChunkAndEndsAfterTheFinish() throws Exception {
        HttpResponse<String> response = client.send(post("fake-framing", "streamGenerateContent?alt=sse",
                contents("Hello you").build()), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(GeminiHttp.EVENT_STREAM_TYPE, response.headers().firstValue("content-type").orElseThrow());
        List<JsonObject> chunks = events(response.body());
        assertEquals(3, chunks.size());
        assertEquals("Hello ", text(chunks.get(0).getJsonArray("candidates").getJsonObject(0)));
        assertFalse(chunks.get(0).getJsonArray("candidates").getJsonObject(0).containsKey("finishReason"));
        assertEquals(chunks.get(0).getString("responseId"), chunks.get(2).getString("responseId"));
        JsonObject last = chunks.get(2).getJsonArray("candidates").getJsonObject(0);
        assertEquals("fake-framing.", text(last));
        assertEquals("STOP", last.getString("finishReason"));
        assertEquals(3, chunks.get(2).getJsonObject("usageMetadata").getInt("candidatesTokenCount"));
        assertEquals(0, server.activeStreams());

        HttpResponse<String> array = client.send(post("fake-framing", "streamGenerateContent", contents("Hi").build()),
                HttpResponse.BodyHandlers.ofString());
        JsonArray asArray = Json.createReader(new StringReader(array.body())).readArray();
        assertEquals(3, asArray.size());
    }

    @Test
    void toolsAndWeatherAnswerWithTwoParallelFunctionCalls() throws Exception {
        JsonObject request = contents("What is the weather in Paris and Rome?")
                .add("tools", Json.createArrayBuilder().add(Json.createObjectBuilder().add("functionDeclarations",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "get_weather")
                                .add("parametersJsonSchema", Json.createObjectBuilder().add("type", "object"))))))
                .build();

        JsonObject plain = parse(generate("gemini-2.5-pro", request).body());
        JsonObject candidate = plain.getJsonArray("candidates").getJsonObject(0);
        assertEquals("STOP", candidate.getString("finishReason"));
        JsonArray parts = candidate.getJsonObject("content").getJsonArray("parts");
        assertEquals(3, parts.size());
        assertEquals(parse("{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Rome\"}}}"),
                parts.getJsonObject(2));

        List<JsonObject> chunks = events(client.send(post("gemini-2.5-pro", "streamGenerateContent?alt=sse", request),
                HttpResponse.BodyHandlers.ofString()).body());
        JsonObject callChunk = chunks.get(chunks.size() - 1).getJsonArray("candidates").getJsonObject(0);
        assertEquals(2, callChunk.getJsonObject("content").getJsonArray("parts").size());
        assertEquals("STOP", callChunk.getString("finishReason"));

        JsonObject none = Json.createObjectBuilder(request).add("toolConfig", Json.createObjectBuilder()
                .add("functionCallingConfig", Json.createObjectBuilder().add("mode", "NONE"))).build();
        assertEquals("Hello from gemini-2.5-pro.", text(parse(generate("gemini-2.5-pro", none).body())
                .getJsonArray("candidates").getJsonObject(0)));
    }

    @Test
    void functionResponsesAnsweringEveryCallGetTheFinalAnswer() throws Exception {
        HttpResponse<String> plain = generate("gemini-2.5-flash", conversation(user("weather in Paris and Rome?"),
                modelCalling(call("get_weather", null), call("get_weather", null)),
                responses(response("get_weather", null), response("get_weather", null))));
        assertEquals(200, plain.statusCode(), plain.body());
        JsonObject candidate = parse(plain.body()).getJsonArray("candidates").getJsonObject(0);
        assertEquals("Hello from gemini-2.5-flash.", text(candidate));
        assertEquals("STOP", candidate.getString("finishReason"));

        HttpResponse<String> byId = generate("gemini-2.5-flash", conversation(user("weather?"),
                modelCalling(call("get_weather", "c1"), call("get_time", "c2")),
                responses(response("get_time", "c2"), response("get_weather", "c1"))));
        assertEquals(200, byId.statusCode(), byId.body());
    }

    @Test
    void functionCallsAndResponsesThatDoNotPairAreRejectedLikeGemini() throws Exception {
        assertRejected(conversation(user("weather?"), modelCalling(call("get_weather", null),
                call("get_weather", null)), responses(response("get_weather", null))),
                "Please ensure that the number of function response parts is equal to the number of function call "
                        + "parts of the function call turn.");
        assertRejected(conversation(user("weather?"), modelCalling(call("get_weather", null)), user("never mind")),
                "Please ensure that the number of function response parts is equal to the number of function call "
                        + "parts of the function call turn.");
        assertRejected(conversation(user("weather?"), responses(response("get_weather", null))),
                "Please ensure that function response turn comes immediately after a function call turn.");
        assertRejected(conversation(modelCalling(call("get_weather", null)), responses(response("get_weather", null))),
                "Please ensure that function call turn comes immediately after a user turn or after a function "
                        + "response turn.");
        assertRejected(conversation(user("weather?"), modelCalling(call("get_weather", null)),
                responses(response("", null))),
                "* GenerateContentRequest.contents[2].parts[0].function_response.name: Name cannot be empty.\n");
    }

    @Test
    void functionResponsesNamingAnotherCallAreRejectedWithGooglesGenericMessage() throws Exception {
        assertRejected(conversation(user("weather?"), modelCalling(call("get_weather", null)),
                responses(response("get_time", null))), "Request contains an invalid argument.");
        assertRejected(conversation(user("weather?"), modelCalling(call("get_weather", "c1")),
                responses(response("get_weather", "c9"))), "Request contains an invalid argument.");
    }

    @Test
    void batchEmbedContentsAnswersDeterministicVectorsInRequestOrder() throws Exception {
        HttpResponse<String> response = client.send(post("gemini-embedding-001", "batchEmbedContents",
                Json.createObjectBuilder().add("requests", Json.createArrayBuilder()
                        .add(embedRequest("alpha").add("outputDimensionality", 4))
                        .add(embedRequest("beta").add("outputDimensionality", 4))).build()),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(GeminiHttp.JSON_TYPE, response.headers().firstValue("content-type").orElseThrow());
        assertEquals(parse("""
                {"embeddings":[{"values":[0.606,0.613,0.62,0.627]},{"values":[0.624,0.631,0.638,0.645]}]}"""),
                parse(response.body()));
        assertArrayEquals(new float[] {0.606f, 0.613f, 0.62f, 0.627f}, FakeGeminiServer.embedding("alpha", 4));
        assertEquals("/v1beta/models/gemini-embedding-001:batchEmbedContents",
                server.lastRequestFor("gemini-embedding-001").orElseThrow().path());
    }

    @Test
    void embedContentAnswersOneVectorOfTheModelsDefaultSize() throws Exception {
        HttpResponse<String> response = client.send(post("gemini-embedding-001", "embedContent",
                Json.createObjectBuilder().add("content", Json.createObjectBuilder().add("parts",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("text", "gamma")))).build()),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonArray values = parse(response.body()).getJsonObject("embedding").getJsonArray("values");
        assertEquals(3072, values.size());
        assertEquals(0.455, values.getJsonNumber(0).doubleValue());
        assertEquals(0.462, values.getJsonNumber(1).doubleValue());
    }

    @Test
    void embeddingRequestsGeminiRejectsAreRejected() throws Exception {
        HttpResponse<String> noModel = client.send(post("gemini-embedding-001", "batchEmbedContents",
                Json.createObjectBuilder().add("requests", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("content", embedRequest("alpha").build().getJsonObject("content")))).build()),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noModel.statusCode());
        assertEquals(error(400, "* BatchEmbedContentsRequest.requests[0].model: model is not specified",
                "INVALID_ARGUMENT"), parse(noModel.body()));

        HttpResponse<String> bareModel = client.send(post("gemini-embedding-001", "batchEmbedContents",
                Json.createObjectBuilder().add("requests", Json.createArrayBuilder().add(embedRequest("alpha")
                        .add("model", "gemini-embedding-001"))).build()), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bareModel.statusCode());
        assertEquals(error(400, "* BatchEmbedContentsRequest.requests[0].model: unexpected model name format",
                "INVALID_ARGUMENT"), parse(bareModel.body()));

        JsonArrayBuilder tooMany = Json.createArrayBuilder();
        for (int i = 0; i <= GeminiEmbedHandler.MAX_BATCH; i++) {
            tooMany.add(embedRequest("t" + i));
        }
        HttpResponse<String> overfull = client.send(post("gemini-embedding-001", "batchEmbedContents",
                Json.createObjectBuilder().add("requests", tooMany).build()), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, overfull.statusCode());
        assertEquals(error(400, "* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch",
                "INVALID_ARGUMENT"), parse(overfull.body()));

        HttpResponse<String> chatModel = client.send(post("gemini-2.5-flash", "embedContent",
                embedRequest("alpha").build()), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, chatModel.statusCode());
        assertEquals(error(404, "models/gemini-2.5-flash is not found for API version v1beta, or is not supported "
                + "for embedContent. Call ListModels to see the list of available models and their supported "
                + "methods.", "NOT_FOUND"), parse(chatModel.body()));
    }

    @Test
    void keysAreCheckedTheWayGoogleDoes() throws Exception {
        String body = contents("Hi").build().toString();
        HttpResponse<String> noKey = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/models/gemini-2.5-flash:generateContent")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, noKey.statusCode());
        assertEquals("PERMISSION_DENIED", parse(noKey.body()).getJsonObject("error").getString("status"));

        HttpResponse<String> wrongKey = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/models/gemini-2.5-flash:generateContent")).header("x-goog-api-key", "AIza-wrong")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, wrongKey.statusCode());
        JsonObject error = parse(wrongKey.body()).getJsonObject("error");
        assertEquals(400, error.getInt("code"));
        assertEquals("INVALID_ARGUMENT", error.getString("status"));
        assertEquals("API_KEY_INVALID", error.getJsonArray("details").getJsonObject(0).getString("reason"));

        HttpResponse<String> keyInQuery = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/models/gemini-2.5-flash:generateContent?key=" + FakeGeminiServer.UPSTREAM_KEY))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, keyInQuery.statusCode());
    }

    @Test
    void faultsAndBadRequestsCarryGoogleErrors() throws Exception {
        JsonObject limited = parse(expectStatus(429, generate("fault-429", contents("Hi").build())).body());
        JsonObject retryInfo = limited.getJsonObject("error").getJsonArray("details").getJsonObject(0);
        assertEquals("type.googleapis.com/google.rpc.RetryInfo", retryInfo.getString("@type"));
        assertEquals(GeminiError.RETRY_DELAY_SECONDS + "s", retryInfo.getString("retryDelay"));
        assertEquals("RESOURCE_EXHAUSTED", limited.getJsonObject("error").getString("status"));

        assertEquals("UNAVAILABLE", parse(expectStatus(503, generate("fault-503", contents("Hi").build())).body())
                .getJsonObject("error").getString("status"));
        assertEquals("INTERNAL", parse(expectStatus(500, generate("fault-500", contents("Hi").build())).body())
                .getJsonObject("error").getString("status"));
        assertEquals("UNAUTHENTICATED", parse(expectStatus(401, generate("fault-401", contents("Hi").build())).body())
                .getJsonObject("error").getString("status"));
        assertTrue(parse(expectStatus(400, generate("gemini-2.5-flash", Json.createObjectBuilder().build())).body())
                .getJsonObject("error").getString("message").contains("contents is not specified"));
        assertEquals("NOT_FOUND", parse(expectStatus(404, generate("gpt-4o", contents("Hi").build())).body())
                .getJsonObject("error").getString("status"));
        assertEquals(GeminiGenerateHandler.GARBAGE_BODY, expectStatus(200, generate("fault-garbage",
                contents("Hi").build())).body());

        JsonObject safety = parse(generate("fault-safety", contents("Hi").build()).body());
        assertEquals("SAFETY", safety.getJsonArray("candidates").getJsonObject(0).getString("finishReason"));
        JsonObject blocked = parse(generate("fault-blocked-prompt", contents("Hi").build()).body());
        assertFalse(blocked.containsKey("candidates"));
        assertEquals("SAFETY", blocked.getJsonObject("promptFeedback").getString("blockReason"));
    }

    @Test
    void modelsAreListedInPages() throws Exception {
        JsonObject first = parse(client.send(authorized(server.baseUrl() + "/models?pageSize=3").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(3, first.getJsonArray("models").size());
        assertEquals("models/gemini-2.5-flash", first.getJsonArray("models").getJsonObject(0).getString("name"));
        assertEquals("3", first.getString("nextPageToken"));

        JsonObject second = parse(client.send(authorized(server.baseUrl() + "/models?pageSize=3&pageToken=3").GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(1, second.getJsonArray("models").size());
        assertFalse(second.containsKey("nextPageToken"));

        HttpResponse<String> one = client.send(authorized(server.baseUrl() + "/models/gemini-embedding-001").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("embedContent", parse(one.body()).getJsonArray("supportedGenerationMethods").getString(0));
    }

    @Test
    void gateHoldsTheStreamAfterTheFirstChunkUntilReleased() throws Exception {
        StreamGate gate = server.gate("gate-self-check");
        BlockingQueue<String> lines = readLinesInBackground(GeminiReply.GATED_MODEL, contents("gate-self-check")
                .build());

        assertTrue(pollUntil(lines, "\"text\":\"Hello \""), "first chunk arrives before release");
        assertTrue(gate.awaitReached(WAIT));
        assertEquals(1, server.activeStreams());
        assertNull(lines.poll(300, TimeUnit.MILLISECONDS), "nothing more while the gate is closed");

        gate.release();
        assertTrue(pollUntil(lines, "\"finishReason\":\"STOP\""));
        assertEquals(EOF, drain(lines).get(0));
    }

    @Test
    void errorEventAndResetMidstreamEndTheStreamEarly() throws Exception {
        List<JsonObject> chunks = events(client.send(post("fault-error-event", "streamGenerateContent?alt=sse",
                contents("Hi").build()), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(2, chunks.size());
        assertEquals("UNAVAILABLE", chunks.get(1).getJsonObject("error").getString("status"));

        BlockingQueue<String> lines = readLinesInBackground("fault-reset-midstream", contents("Hi").build());
        assertTrue(pollUntil(lines, "\"text\":\"from \""), "the chunks before the drop arrive");
        List<String> rest = drain(lines);
        String end = rest.get(rest.size() - 1);
        assertTrue(end.startsWith("<java.io.IOException"), "the body must end with an I/O error: " + end);
    }

    @Test
    void stopDoesNotWaitForAHangingRequest() throws Exception {
        FakeGeminiServer own = FakeGeminiServer.start(0);
        HttpRequest hanging = authorized(own.baseUrl() + "/models/fault-timeout:generateContent")
                .POST(HttpRequest.BodyPublishers.ofString(contents("Hi").build().toString())).build();
        CompletableFuture<HttpResponse<String>> reply = client.sendAsync(hanging, HttpResponse.BodyHandlers.ofString());
        assertTrue(own.awaitRequestFor("fault-timeout", WAIT).isPresent());

        assertTimeoutPreemptively(Duration.ofSeconds(5), own::stop);
        ExecutionException dropped = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
        assertTrue(dropped.getCause() instanceof IOException, dropped.getCause()::toString);
    }

    @Test
    void failNextFailsExactlyThatManyRequestsPlainOrStreamedThenServes() throws Exception {
        String model = "gemini-scripted-next";
        server.faults().failNext(model, 2, 429, Duration.ofSeconds(4));

        List<HttpResponse<String>> failed = List.of(generate(model, contents("Hi").build()),
                client.send(post(model, "streamGenerateContent?alt=sse", contents("Hi").build()),
                        HttpResponse.BodyHandlers.ofString()));
        HttpResponse<String> plain = generate(model, contents("Hi").build());
        HttpResponse<String> streamed = client.send(post(model, "streamGenerateContent?alt=sse",
                contents("Hi").build()), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : failed) {
            assertEquals(429, response.statusCode());
            assertFalse(response.headers().firstValue("retry-after").isPresent(), "Gemini sends RetryInfo only");
            assertEquals(GeminiHttp.JSON_TYPE, response.headers().firstValue("content-type").orElseThrow());
            assertEquals(parse("""
                    {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and \
                    billing details.","status":"RESOURCE_EXHAUSTED","details":[
                     {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"4s"}]}}"""),
                    parse(response.body()));
        }
        assertEquals(200, plain.statusCode());
        assertEquals("Hello from gemini-scripted-next.", text(parse(plain.body()).getJsonArray("candidates")
                .getJsonObject(0)));
        assertEquals(200, streamed.statusCode());
        assertEquals(GeminiHttp.EVENT_STREAM_TYPE, streamed.headers().firstValue("content-type").orElseThrow());
        assertEquals(2, server.faults().failuresServed(model));
    }

    @Test
    void scriptedStatusesAreGooglesErrorsWithoutRetryAfterHeaders() throws Exception {
        String model = "gemini-scripted-statuses";
        server.faults().failNext(model, 1, 429, null);
        HttpResponse<String> rateLimited = generate(model, contents("Hi").build());
        server.faults().failNext(model, 1, 500, null);
        HttpResponse<String> internal = generate(model, contents("Hi").build());
        server.faults().failNext(model, 1, 503, Duration.ofMillis(100));
        HttpResponse<String> unavailable = generate(model, contents("Hi").build());

        assertEquals(429, rateLimited.statusCode());
        assertFalse(rateLimited.headers().firstValue("retry-after").isPresent());
        assertEquals(error(429, "You exceeded your current quota, please check your plan and billing details.",
                "RESOURCE_EXHAUSTED"), parse(rateLimited.body()), "no RetryInfo without a retry-after");
        assertEquals(500, internal.statusCode());
        assertFalse(internal.headers().firstValue("retry-after").isPresent());
        assertEquals(error(500, "An internal error has occurred. Please retry or report in "
                + "https://developers.generativeai.google/guide/troubleshooting", "INTERNAL"), parse(internal.body()));
        assertEquals(503, unavailable.statusCode());
        assertFalse(unavailable.headers().firstValue("retry-after").isPresent(), "Gemini sends no Retry-After");
        assertEquals(error(503, "The model is overloaded. Please try again later.", "UNAVAILABLE"),
                parse(unavailable.body()));
        assertEquals(200, generate(model, contents("Hi").build()).statusCode());
        IllegalArgumentException unscriptable = assertThrows(IllegalArgumentException.class,
                () -> server.faults().failNext(model, 1, 529, null));
        assertEquals("The fake Gemini server has no error reply for HTTP 529; it can script 401, 429, 500 and 503.",
                unscriptable.getMessage());
    }

    @Test
    void failAlwaysAndDelayLastUntilRecoverAndApplyAfterValidation() throws Exception {
        String failing = "gemini-scripted-always";
        String slow = "gemini-scripted-slow";
        server.faults().failAlways(failing, 503);
        server.faults().delay(slow, Duration.ofMillis(400));

        HttpResponse<String> invalid = generate(failing, Json.createObjectBuilder().build());
        List<Integer> failed = List.of(generate(failing, contents("Hi").build()).statusCode(),
                client.send(post(failing, "streamGenerateContent", contents("Hi").build()),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
        long start = System.nanoTime();
        HttpResponse<String> delayed = generate(slow, contents("Hi").build());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        server.faults().recover(failing);
        server.faults().recover(slow);

        assertEquals(400, invalid.statusCode());
        assertEquals(error(400, "* GenerateContentRequest.contents: contents is not specified", "INVALID_ARGUMENT"),
                parse(invalid.body()));
        assertEquals(List.of(503, 503), failed);
        assertEquals(200, delayed.statusCode());
        assertTrue(elapsedMillis >= 400, "answered after " + elapsedMillis + " ms");
        assertEquals(200, generate(failing, contents("Hi").build()).statusCode());
        assertEquals(2, server.faults().failuresServed(failing));
    }

    @Test
    void contextLengthFaultIsGeminisExactError() throws Exception {
        HttpResponse<String> plain = generate("fault-context-length", contents("Hi").build());
        HttpResponse<String> streamed = client.send(post("fault-context-length", "streamGenerateContent?alt=sse",
                contents("Hi").build()), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(plain, streamed)) {
            assertEquals(400, response.statusCode());
            assertEquals(error(400, "The input token count (1200000) exceeds the maximum number of tokens allowed "
                    + "(1048576).", "INVALID_ARGUMENT"), parse(response.body()));
        }
    }

    private static JsonObjectBuilder contents(String userText) {
        return Json.createObjectBuilder().add("contents", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("role", "user").add("parts", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("text", userText)))));
    }

    private static JsonObject conversation(JsonObjectBuilder... contents) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder content : contents) {
            array.add(content);
        }
        return Json.createObjectBuilder().add("contents", array).build();
    }

    private static JsonObjectBuilder user(String text) {
        return Json.createObjectBuilder().add("role", "user").add("parts", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("text", text)));
    }

    /** A model turn: "Let me check." and these function calls. */
    private static JsonObjectBuilder modelCalling(JsonObjectBuilder... calls) {
        JsonArrayBuilder parts = Json.createArrayBuilder().add(Json.createObjectBuilder().add("text", "Let me check."));
        for (JsonObjectBuilder call : calls) {
            parts.add(Json.createObjectBuilder().add("functionCall", call));
        }
        return Json.createObjectBuilder().add("role", "model").add("parts", parts);
    }

    /** A user turn of these function responses. */
    private static JsonObjectBuilder responses(JsonObjectBuilder... responses) {
        JsonArrayBuilder parts = Json.createArrayBuilder();
        for (JsonObjectBuilder response : responses) {
            parts.add(Json.createObjectBuilder().add("functionResponse", response));
        }
        return Json.createObjectBuilder().add("role", "user").add("parts", parts);
    }

    private static JsonObjectBuilder call(String name, String id) {
        JsonObjectBuilder call = Json.createObjectBuilder().add("name", name).add("args", Json.createObjectBuilder());
        return id == null ? call : call.add("id", id);
    }

    private static JsonObjectBuilder response(String name, String id) {
        JsonObjectBuilder response = Json.createObjectBuilder().add("name", name)
                .add("response", Json.createObjectBuilder().add("temp_c", 18));
        return id == null ? response : response.add("id", id);
    }

    private static JsonObjectBuilder embedRequest(String text) {
        return Json.createObjectBuilder().add("model", "models/gemini-embedding-001").add("content", Json
                .createObjectBuilder().add("parts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("text", text))));
    }

    /** The request to {@code gemini-2.5-flash} gets 400 with exactly this {@code INVALID_ARGUMENT} message. */
    private static void assertRejected(JsonObject request, String message) throws Exception {
        HttpResponse<String> response = generate("gemini-2.5-flash", request);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(error(400, message, "INVALID_ARGUMENT"), parse(response.body()));
    }

    private static JsonObject error(int code, String message, String status) {
        return Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", code)
                .add("message", message).add("status", status)).build();
    }

    private static HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
                .header("x-goog-api-key", FakeGeminiServer.UPSTREAM_KEY)
                .header("content-type", "application/json");
    }

    private static HttpRequest post(String model, String method, JsonObject body) {
        return authorized(server.baseUrl() + "/models/" + model + ":" + method)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static HttpResponse<String> generate(String model, JsonObject body) throws IOException,
            InterruptedException {
        return client.send(post(model, "generateContent", body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expectStatus(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response::body);
        return response;
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    /** The concatenated text parts of a candidate. */
    private static String text(JsonObject candidate) {
        StringBuilder text = new StringBuilder();
        candidate.getJsonObject("content").getJsonArray("parts").forEach(p -> {
            if (p.asJsonObject().containsKey("text")) {
                text.append(p.asJsonObject().getString("text"));
            }
        });
        return text.toString();
    }

    /** Splits an SSE body into its {@code data:} JSON payloads, checking the framing. */
    private static List<JsonObject> events(String body) {
        assertTrue(body.endsWith("\n\n"), body);
        List<JsonObject> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            assertTrue(frame.startsWith("data: ") && !frame.contains("\n"), frame);
            events.add(parse(frame.substring(6)));
        }
        return events;
    }

    /**
     * Streams the response's non-blank lines into a queue as they arrive, then {@value #EOF} on a clean end or
     * {@code <exception>} on a broken one.
     */
    private static BlockingQueue<String> readLinesInBackground(String model, JsonObject body) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        client.sendAsync(post(model, "streamGenerateContent?alt=sse", body),
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
