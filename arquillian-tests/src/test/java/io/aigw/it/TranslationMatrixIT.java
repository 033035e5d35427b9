package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.fake.FakeUpstreams;
import io.aigw.it.fake.ImageHandler;
import io.aigw.it.fake.RecordedRequest;
import io.aigw.it.support.Gateway;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client format × every provider × {plain, stream, tools, tools + stream, image}, asserting what the client
 * sees: the exact text, finish reason, the two parallel tool calls with their arguments, the same usage streamed as
 * answered, the stream's framing; and, for images, that the provider received the image in its own format (by URL
 * where it takes URLs, as the fetched bytes where it needs them).
 */
class TranslationMatrixIT extends GatewayIT {

    private static final String IMAGE_URL = "http://127.0.0.1:" + FakeUpstreams.openai().port() + ImageHandler.PATH;
    private static final String TOOLS_OPENAI = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
    private static final String TOOLS_ANTHROPIC = "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}]";

    /** An upstream protocol: the model a client names, what the fake answers, where the fake records requests. */
    enum Provider {
        OPENAI("openai/gpt-4o-mini", "gpt-4o-mini", null, () -> FakeUpstreams.openai().requests()),
        ANTHROPIC("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5", "Let me check.",
                () -> FakeUpstreams.anthropic().requests()),
        GEMINI("gemini/gemini-2.5-flash", "gemini-2.5-flash", "Let me check.",
                () -> FakeUpstreams.gemini().requests()),
        BEDROCK("bedrock/anthropic.claude-3-5-haiku-20241022-v1:0", "anthropic.claude-3-5-haiku-20241022-v1:0",
                "Let me check.", () -> FakeUpstreams.bedrock().requests());

        final String model;
        final String upstreamModel;
        final String toolPreamble;
        final Supplier<List<RecordedRequest>> requests;

        Provider(String model, String upstreamModel, String toolPreamble, Supplier<List<RecordedRequest>> requests) {
            this.model = model;
            this.upstreamModel = upstreamModel;
            this.toolPreamble = toolPreamble;
            this.requests = requests;
        }

        String hello() {
            return "Hello from " + upstreamModel + ".";
        }

        /** The request this provider's fake received whose body carries the marker. */
        JsonObject received(String marker) {
            return requests.get().stream().filter(r -> r.body().contains(marker)).reduce((a, b) -> b)
                    .flatMap(RecordedRequest::json).orElseThrow(() -> new AssertionError(
                            this + " received no request carrying " + marker));
        }
    }

    static Stream<Arguments> providers() {
        return Stream.of(Provider.values()).map(Arguments::of);
    }

    private static String marker() {
        return "m" + UUID.randomUUID().toString().replace("-", "");
    }

    // ---------------------------------------------------------------- OpenAI client

    private JsonObject openAiChat(String body) {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Gateway.json(r);
    }

    private List<JsonObject> openAiStream(String body) {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> data = r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(data).as("the stream ends with [DONE]").last().isEqualTo("[DONE]");
        return data.subList(0, data.size() - 1).stream().map(Gateway::json).toList();
    }

    @ParameterizedTest(name = "OpenAI client -> {0}: plain and stream agree")
    @MethodSource("providers")
    void openAiClientPlainAndStream(Provider provider) {
        String m = marker();
        String request = "{\"model\":\"" + provider.model + "\",\"max_tokens\":50,"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Say hello " + m + "\"}]";
        JsonObject plain = openAiChat(request + "}");
        JsonObject choice = plain.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getJsonObject("message").getString("role")).isEqualTo("assistant");
        assertThat(choice.getJsonObject("message").getString("content")).isEqualTo(provider.hello());
        assertThat(choice.getString("finish_reason")).isEqualTo("stop");
        JsonObject usage = plain.getJsonObject("usage");
        assertThat(usage.getInt("completion_tokens")).isEqualTo(3);
        assertThat(usage.getInt("prompt_tokens")).isPositive();
        assertThat(usage.getInt("total_tokens")).isEqualTo(usage.getInt("prompt_tokens") + 3);

        List<JsonObject> chunks = openAiStream(request.replace(m, m + "s")
                + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        StringBuilder text = new StringBuilder();
        List<String> finishes = new ArrayList<>();
        JsonObject streamedUsage = null;
        int roles = 0;
        for (JsonObject chunk : chunks) {
            assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
            if (chunk.containsKey("usage") && chunk.get("usage").getValueType() == JsonValue.ValueType.OBJECT) {
                assertThat(chunk.getJsonArray("choices")).as("the usage chunk has no choices").isEmpty();
                streamedUsage = chunk.getJsonObject("usage");
                continue;
            }
            JsonObject c = chunk.getJsonArray("choices").getJsonObject(0);
            JsonObject delta = c.getJsonObject("delta");
            if (delta.containsKey("role")) {
                roles++;
                assertThat(text).as("the role comes with the first chunk").isEmpty();
            }
            if (delta.containsKey("content") && !delta.isNull("content")) {
                text.append(delta.getString("content"));
            }
            if (!c.isNull("finish_reason")) {
                finishes.add(c.getString("finish_reason"));
            }
        }
        assertThat(roles).isEqualTo(1);
        assertThat(text.toString()).isEqualTo(provider.hello());
        assertThat(finishes).containsExactly("stop");
        assertThat(streamedUsage).as("include_usage gives a usage chunk").isNotNull();
        assertThat(streamedUsage.getInt("completion_tokens")).isEqualTo(3);
        assertThat(streamedUsage.getInt("prompt_tokens")).isEqualTo(usage.getInt("prompt_tokens"));
    }

    @ParameterizedTest(name = "OpenAI client -> {0}: parallel tool calls, plain and streamed")
    @MethodSource("providers")
    void openAiClientToolsAndToolsStream(Provider provider) {
        String m = marker();
        String request = "{\"model\":\"" + provider.model + "\"," + TOOLS_OPENAI + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"What is the weather in Paris and Rome? " + m + "\"}]";
        JsonObject choice = openAiChat(request + "}").getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getString("finish_reason")).isEqualTo("tool_calls");
        JsonObject message = choice.getJsonObject("message");
        if (provider.toolPreamble == null) {
            assertThat(message.isNull("content")).isTrue();
        } else {
            assertThat(message.getString("content")).isEqualTo(provider.toolPreamble);
        }
        JsonArray calls = message.getJsonArray("tool_calls");
        assertThat(calls).hasSize(2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonObject call = calls.getJsonObject(i);
            assertThat(call.getString("type")).isEqualTo("function");
            assertThat(call.getJsonObject("function").getString("name")).isEqualTo("get_weather");
            assertThat(Gateway.json(call.getJsonObject("function").getString("arguments")))
                    .isEqualTo(Gateway.json(i == 0 ? "{\"city\":\"Paris\"}" : "{\"city\":\"Rome\"}"));
            ids.add(call.getString("id"));
        }
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());

        List<JsonObject> chunks = openAiStream(request.replace(m, m + "s") + ",\"stream\":true}");
        Map<Integer, StringBuilder> arguments = new LinkedHashMap<>();
        Map<Integer, String> names = new LinkedHashMap<>();
        Map<Integer, String> streamedIds = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (JsonObject chunk : chunks) {
            if (chunk.getJsonArray("choices").isEmpty()) {
                continue;
            }
            JsonObject c = chunk.getJsonArray("choices").getJsonObject(0);
            JsonObject delta = c.getJsonObject("delta");
            if (delta.containsKey("content") && !delta.isNull("content")) {
                text.append(delta.getString("content"));
            }
            if (delta.containsKey("tool_calls")) {
                for (JsonValue v : delta.getJsonArray("tool_calls")) {
                    JsonObject call = v.asJsonObject();
                    int index = call.getInt("index");
                    if (call.containsKey("id")) {
                        assertThat(streamedIds.put(index, call.getString("id"))).as("one id per call").isNull();
                    }
                    JsonObject fn = call.getJsonObject("function");
                    if (fn != null && fn.containsKey("name")) {
                        names.put(index, fn.getString("name"));
                    }
                    if (fn != null && fn.containsKey("arguments")) {
                        arguments.computeIfAbsent(index, k -> new StringBuilder()).append(fn.getString("arguments"));
                    }
                }
            }
            if (!c.isNull("finish_reason")) {
                finish = c.getString("finish_reason");
            }
        }
        assertThat(finish).isEqualTo("tool_calls");
        assertThat(text.toString()).isEqualTo(provider.toolPreamble == null ? "" : provider.toolPreamble);
        assertThat(names).containsExactly(Map.entry(0, "get_weather"), Map.entry(1, "get_weather"));
        assertThat(streamedIds.values()).hasSize(2).doesNotHaveDuplicates();
        assertThat(Gateway.json(arguments.get(0).toString())).isEqualTo(Gateway.json("{\"city\":\"Paris\"}"));
        assertThat(Gateway.json(arguments.get(1).toString())).isEqualTo(Gateway.json("{\"city\":\"Rome\"}"));
    }

    @ParameterizedTest(name = "OpenAI client -> {0}: image URL")
    @MethodSource("providers")
    void openAiClientImage(Provider provider) {
        String m = marker();
        JsonObject answer = openAiChat("{\"model\":\"" + provider.model + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"What is this? " + m + "\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + IMAGE_URL + "\"}}]}]}");
        assertThat(answer.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"))
                .isEqualTo(provider.hello());
        assertImageReceived(provider, m);
    }

    // ---------------------------------------------------------------- Anthropic client

    private HttpResponse<String> messages(String json) {
        return gateway.send(gateway.request("/v1/messages").header("x-api-key", Gateway.ADMIN_KEY)
                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private JsonObject anthropicMessage(String json) {
        HttpResponse<String> r = messages(json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = Gateway.json(r);
        assertThat(body.getString("type")).isEqualTo("message");
        assertThat(body.getString("role")).isEqualTo("assistant");
        return body;
    }

    /** The (event, data) pairs of an Anthropic stream, checked for the event sequence Anthropic clients expect. */
    private List<Map.Entry<String, JsonObject>> anthropicStream(String json) {
        HttpResponse<String> r = messages(json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Map.Entry<String, JsonObject>> events = new ArrayList<>();
        String event = null;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonObject data = Gateway.json(line.substring(6));
                assertThat(data.getString("type")).as("data type matches the event name").isEqualTo(event);
                events.add(Map.entry(event, data));
            }
        }
        List<String> names = events.stream().map(Map.Entry::getKey).filter(n -> !n.equals("ping")).toList();
        assertThat(names.get(0)).isEqualTo("message_start");
        assertThat(names.get(names.size() - 1)).isEqualTo("message_stop");
        assertThat(names.get(names.size() - 2)).isEqualTo("message_delta");
        int open = -1;
        for (Map.Entry<String, JsonObject> e : events) {
            switch (e.getKey()) {
                case "content_block_start" -> {
                    assertThat(open).as("blocks do not overlap").isEqualTo(-1);
                    open = e.getValue().getInt("index");
                }
                case "content_block_delta" -> assertThat(e.getValue().getInt("index")).isEqualTo(open);
                case "content_block_stop" -> {
                    assertThat(e.getValue().getInt("index")).isEqualTo(open);
                    open = -1;
                }
                default -> { }
            }
        }
        return events;
    }

    private static JsonObject messageDelta(List<Map.Entry<String, JsonObject>> events) {
        return events.stream().filter(e -> e.getKey().equals("message_delta")).map(Map.Entry::getValue)
                .reduce((a, b) -> b).orElseThrow();
    }

    @ParameterizedTest(name = "Anthropic client -> {0}: plain and stream agree")
    @MethodSource("providers")
    void anthropicClientPlainAndStream(Provider provider) {
        String m = marker();
        String request = "{\"model\":\"" + provider.model + "\",\"max_tokens\":50,\"system\":\"Be brief.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello " + m + "\"}]";
        JsonObject plain = anthropicMessage(request + "}");
        assertThat(plain.getJsonArray("content")).hasSize(1);
        assertThat(plain.getJsonArray("content").getJsonObject(0).getString("type")).isEqualTo("text");
        assertThat(plain.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(provider.hello());
        assertThat(plain.getString("stop_reason")).isEqualTo("end_turn");
        assertThat(plain.getJsonObject("usage").getInt("output_tokens")).isEqualTo(3);
        int input = plain.getJsonObject("usage").getInt("input_tokens");
        assertThat(input).isPositive();

        List<Map.Entry<String, JsonObject>> events = anthropicStream(request.replace(m, m + "s")
                + ",\"stream\":true}");
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonObject> e : events) {
            if (e.getKey().equals("content_block_delta")) {
                JsonObject delta = e.getValue().getJsonObject("delta");
                assertThat(delta.getString("type")).isEqualTo("text_delta");
                text.append(delta.getString("text"));
            }
        }
        assertThat(text.toString()).isEqualTo(provider.hello());
        JsonObject delta = messageDelta(events);
        assertThat(delta.getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
        assertThat(delta.getJsonObject("usage").getInt("output_tokens")).isEqualTo(3);
        // message_delta's usage is cumulative: the input tokens arrive there once the upstream has counted them
        assertThat(delta.getJsonObject("usage").getInt("input_tokens")).isEqualTo(input);
    }

    @ParameterizedTest(name = "Anthropic client -> {0}: parallel tool use, plain and streamed")
    @MethodSource("providers")
    void anthropicClientToolsAndToolsStream(Provider provider) {
        String m = marker();
        String request = "{\"model\":\"" + provider.model + "\",\"max_tokens\":200," + TOOLS_ANTHROPIC
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather in Paris and Rome? " + m
                + "\"}]";
        JsonObject plain = anthropicMessage(request + "}");
        assertThat(plain.getString("stop_reason")).isEqualTo("tool_use");
        List<JsonObject> uses = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (JsonValue v : plain.getJsonArray("content")) {
            JsonObject block = v.asJsonObject();
            if (block.getString("type").equals("tool_use")) {
                uses.add(block);
            } else {
                assertThat(block.getString("type")).isEqualTo("text");
                texts.add(block.getString("text"));
            }
        }
        assertThat(texts).isEqualTo(provider.toolPreamble == null ? List.of() : List.of(provider.toolPreamble));
        assertThat(uses).hasSize(2);
        assertThat(uses).allSatisfy(u -> assertThat(u.getString("name")).isEqualTo("get_weather"));
        assertThat(uses.get(0).getJsonObject("input")).isEqualTo(Gateway.json("{\"city\":\"Paris\"}"));
        assertThat(uses.get(1).getJsonObject("input")).isEqualTo(Gateway.json("{\"city\":\"Rome\"}"));
        assertThat(uses.stream().map(u -> u.getString("id")).distinct()).hasSize(2);

        List<Map.Entry<String, JsonObject>> events = anthropicStream(request.replace(m, m + "s")
                + ",\"stream\":true}");
        Map<Integer, StringBuilder> json = new LinkedHashMap<>();
        Map<Integer, String> toolNames = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonObject> e : events) {
            if (e.getKey().equals("content_block_start")
                    && e.getValue().getJsonObject("content_block").getString("type").equals("tool_use")) {
                JsonObject block = e.getValue().getJsonObject("content_block");
                assertThat(block.getString("id")).isNotBlank();
                toolNames.put(e.getValue().getInt("index"), block.getString("name"));
            }
            if (e.getKey().equals("content_block_delta")) {
                JsonObject delta = e.getValue().getJsonObject("delta");
                if (delta.getString("type").equals("input_json_delta")) {
                    json.computeIfAbsent(e.getValue().getInt("index"), k -> new StringBuilder())
                            .append(delta.getString("partial_json"));
                } else {
                    text.append(delta.getString("text"));
                }
            }
        }
        assertThat(text.toString()).isEqualTo(provider.toolPreamble == null ? "" : provider.toolPreamble);
        assertThat(toolNames.values()).containsExactly("get_weather", "get_weather");
        List<JsonObject> inputs = json.values().stream().map(b -> Gateway.json(b.toString())).toList();
        assertThat(inputs).containsExactly(Gateway.json("{\"city\":\"Paris\"}"), Gateway.json("{\"city\":\"Rome\"}"));
        assertThat(messageDelta(events).getJsonObject("delta").getString("stop_reason")).isEqualTo("tool_use");
    }

    @ParameterizedTest(name = "Anthropic client -> {0}: image URL and base64 image")
    @MethodSource("providers")
    void anthropicClientImage(Provider provider) {
        String m = marker();
        JsonObject answer = anthropicMessage("{\"model\":\"" + provider.model + "\",\"max_tokens\":50,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this? " + m
                + "\"},{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"" + IMAGE_URL + "\"}}]}]}");
        assertThat(answer.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(provider.hello());
        assertImageReceived(provider, m);

        String b64 = Base64.getEncoder().encodeToString(ImageHandler.PNG);
        String m2 = marker();
        anthropicMessage("{\"model\":\"" + provider.model + "\",\"max_tokens\":50,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"And this? " + m2
                + "\"},{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                + "\"data\":\"" + b64 + "\"}}]}]}");
        JsonObject image = imagePart(provider, provider.received(m2));
        switch (provider) {
            case OPENAI -> assertThat(image.getJsonObject("image_url").getString("url"))
                    .isEqualTo("data:image/png;base64," + b64);
            case ANTHROPIC -> assertThat(image.getJsonObject("source")).isEqualTo(Gateway.json(
                    "{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + b64 + "\"}"));
            default -> assertImageBytes(provider, image);
        }
    }

    /** The image arrived in the provider's format: as the URL, or as the fetched bytes. */
    private static void assertImageReceived(Provider provider, String marker) {
        JsonObject image = imagePart(provider, provider.received(marker));
        switch (provider) {
            case OPENAI -> assertThat(image.getJsonObject("image_url").getString("url")).isEqualTo(IMAGE_URL);
            case ANTHROPIC -> assertThat(image.getJsonObject("source"))
                    .isEqualTo(Gateway.json("{\"type\":\"url\",\"url\":\"" + IMAGE_URL + "\"}"));
            default -> assertImageBytes(provider, image);
        }
    }

    private static void assertImageBytes(Provider provider, JsonObject image) {
        String b64 = Base64.getEncoder().encodeToString(ImageHandler.PNG);
        if (provider == Provider.GEMINI) {
            assertThat(image.getJsonObject("inlineData")).isEqualTo(Gateway.json(
                    "{\"mimeType\":\"image/png\",\"data\":\"" + b64 + "\"}"));
        } else {
            assertThat(image.getJsonObject("image")).isEqualTo(Gateway.json(
                    "{\"format\":\"png\",\"source\":{\"bytes\":\"" + b64 + "\"}}"));
        }
    }

    /** The image part of the last user message in the provider's request body. */
    private static JsonObject imagePart(Provider provider, JsonObject body) {
        JsonArray messages = body.getJsonArray(provider == Provider.GEMINI ? "contents" : "messages");
        JsonObject last = messages.getJsonObject(messages.size() - 1);
        JsonArray parts = last.getJsonArray(provider == Provider.GEMINI ? "parts" : "content");
        for (JsonValue v : parts) {
            JsonObject part = v.asJsonObject();
            if (part.containsKey("image_url") || part.containsKey("inlineData") || part.containsKey("image")
                    || "image".equals(part.getString("type", ""))) {
                return part;
            }
        }
        throw new AssertionError(provider + " received no image part: " + last);
    }
}
