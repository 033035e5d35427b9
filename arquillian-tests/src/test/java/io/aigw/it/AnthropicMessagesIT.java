package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.fake.FakeAnthropicServer;
import io.aigw.it.fake.FakeUpstreams;
import io.aigw.it.fake.RecordedRequest;
import io.aigw.it.support.AnthropicStream;
import io.aigw.it.support.Gateway;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Anthropic Messages format on both sides: Anthropic clients reach OpenAI-protocol and Anthropic upstreams,
 * OpenAI clients reach Anthropic upstreams, plain and streamed, with tools, usage and errors translated.
 */
class AnthropicMessagesIT extends GatewayIT {

    private final FakeAnthropicServer anthropic = FakeUpstreams.anthropic();

    private HttpResponse<String> messages(String json) {
        return gateway.send(gateway.request("/v1/messages").header("x-api-key", Gateway.ADMIN_KEY)
                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void anthropicClientReachesAnthropicUpstream() {
        String user = "u-" + UUID.randomUUID();
        HttpResponse<String> r = messages("{\"model\":\"anthropic/claude-sonnet-4-5\",\"max_tokens\":100,"
                + "\"system\":\"Be brief\",\"metadata\":{\"user_id\":\"" + user + "\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello now\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = Gateway.json(r);
        assertThat(body.getString("type")).isEqualTo("message");
        assertThat(body.getString("model")).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(body.getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("Hello from claude-sonnet-4-5.");
        assertThat(body.getString("stop_reason")).isEqualTo("end_turn");
        assertThat(body.getJsonObject("usage").getInt("input_tokens")).isEqualTo(5);
        assertThat(body.getJsonObject("usage").getInt("output_tokens")).isEqualTo(3);

        RecordedRequest upstream = anthropic.lastRequestWithMetadataUser(user).orElseThrow();
        assertThat(upstream.header("x-api-key")).contains(FakeAnthropicServer.UPSTREAM_KEY);
        assertThat(upstream.header("anthropic-version")).isPresent();
        JsonObject sent = upstream.json().orElseThrow();
        assertThat(sent.getString("model")).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.getString("system")).isEqualTo("Be brief");
        assertThat(sent.getInt("max_tokens")).isEqualTo(100);

        JsonObject row = audit.row(Gateway.requestId(r));
        assertThat(row.getString("connection")).isEqualTo("anthropic");
        assertThat(row.getInt("input_tokens")).isEqualTo(5);
        assertThat(row.getInt("output_tokens")).isEqualTo(3);
    }

    @Test
    void anthropicClientStreamsFromAnOpenAiUpstreamInAnthropicsEventSequence() {
        HttpResponse<String> r = messages("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":50,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String[]> events = AnthropicStream.events(r.body());
        List<String> names = events.stream().map(e -> e[0]).toList();
        assertThat(names.get(0)).isEqualTo("message_start");
        assertThat(names).containsSubsequence("content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(names.get(names.size() - 1)).isEqualTo("message_stop");
        StringBuilder text = new StringBuilder();
        JsonObject messageDelta = null;
        for (String[] e : events) {
            JsonObject data = Gateway.json(e[1]);
            assertThat(data.getString("type")).isEqualTo(e[0]);
            if ("content_block_delta".equals(e[0])) {
                text.append(data.getJsonObject("delta").getString("text"));
            } else if ("message_delta".equals(e[0])) {
                messageDelta = data;
            }
        }
        assertThat(text.toString()).isEqualTo("Hello from gpt-4o-mini.");
        assertThat(messageDelta.getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
        assertThat(messageDelta.getJsonObject("usage").getInt("output_tokens")).isEqualTo(3);
        assertThat(messageDelta.getJsonObject("usage").getInt("input_tokens")).isEqualTo(3);
        assertThat(audit.row(Gateway.requestId(r)).getBoolean("stream")).isTrue();
    }

    @Test
    void openAiClientReachesAnthropicUpstreamPlainAndStreamedWithCachedTokens() {
        HttpResponse<String> plain = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"anthropic/claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        JsonObject body = Gateway.json(plain);
        assertThat(body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"))
                .isEqualTo("Hello from claude-haiku-4-5.");
        assertThat(body.getJsonArray("choices").getJsonObject(0).getString("finish_reason")).isEqualTo("stop");
        assertThat(body.getJsonObject("usage").getInt("prompt_tokens")).isEqualTo(2);

        HttpResponse<Stream<String>> streamed = gateway.stream("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"anthropic/claude-haiku-4-5\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");
        List<String> chunks = ChatCompletionsIT.events(streamed.body());
        assertThat(chunks).last().isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        JsonObject usage = null;
        for (String c : chunks.subList(0, chunks.size() - 1)) {
            JsonObject chunk = Gateway.json(c);
            JsonArray choices = chunk.getJsonArray("choices");
            if (!choices.isEmpty() && choices.getJsonObject(0).getJsonObject("delta").containsKey("content")) {
                text.append(choices.getJsonObject(0).getJsonObject("delta").getString("content"));
            }
            if (!chunk.isNull("usage")) {
                usage = chunk.getJsonObject("usage");
            }
        }
        assertThat(text.toString()).isEqualTo("Hello from claude-haiku-4-5.");
        assertThat(usage.getInt("completion_tokens")).isEqualTo(3);
        assertThat(usage.getInt("prompt_tokens")).isEqualTo(2);

        HttpResponse<String> cached = messages("{\"model\":\"anthropic/claude-haiku-4-5\",\"max_tokens\":20,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"long context\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(Gateway.json(cached).getJsonObject("usage").getInt("cache_read_input_tokens")).isEqualTo(3);
        JsonObject readRow = audit.row(Gateway.requestId(cached));
        assertThat(readRow.getInt("cached_input_tokens")).isEqualTo(3);
        assertThat(readRow.getInt("cache_write_tokens")).isZero();

        // the fake writes the cache for a one-hour breakpoint: the write is billed apart, and audited apart
        HttpResponse<String> written = messages("{\"model\":\"anthropic/claude-haiku-4-5\",\"max_tokens\":20,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"long context\","
                + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        JsonObject writtenUsage = Gateway.json(written).getJsonObject("usage");
        assertThat(writtenUsage.getInt("cache_creation_input_tokens")).isEqualTo(7);
        assertThat(writtenUsage.getInt("cache_read_input_tokens")).isZero();
        JsonObject sent = anthropic.requests().get(anthropic.requests().size() - 1).json().orElseThrow();
        assertThat(sent.getJsonArray("system").getJsonObject(0).getJsonObject("cache_control").getString("ttl"))
                .isEqualTo("1h");
        JsonObject writeRow = audit.row(Gateway.requestId(written));
        assertThat(writeRow.getInt("cache_write_tokens")).isEqualTo(7);
        assertThat(writeRow.getInt("input_tokens")).isEqualTo(writtenUsage.getInt("input_tokens") + 7);
    }

    @Test
    void toolCallsCrossTheFormatsPlainAndStreamed() {
        String tools = "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\","
                + "\"properties\":{\"city\":{\"type\":\"string\"}}}}]";
        HttpResponse<String> r = messages("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":50," + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = Gateway.json(r);
        assertThat(body.getString("stop_reason")).isEqualTo("tool_use");
        List<JsonObject> uses = body.getJsonArray("content").getValuesAs(JsonObject.class).stream()
                .filter(b -> b.getString("type").equals("tool_use")).toList();
        assertThat(uses).hasSize(2);
        assertThat(uses.get(1).getJsonObject("input").getString("city")).isEqualTo("Rome");

        HttpResponse<String> streamed = messages("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":50,\"stream\":true,"
                + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}");
        StringBuilder[] json = {new StringBuilder(), new StringBuilder()};
        int tool = -1;
        for (String[] e : AnthropicStream.events(streamed.body())) {
            JsonObject data = Gateway.json(e[1]);
            if ("content_block_start".equals(e[0]) && data.getJsonObject("content_block").getString("type")
                    .equals("tool_use")) {
                tool++;
            } else if ("content_block_delta".equals(e[0]) && data.getJsonObject("delta").getString("type")
                    .equals("input_json_delta")) {
                json[tool].append(data.getJsonObject("delta").getString("partial_json"));
            }
        }
        assertThat(json[0].toString()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(json[1].toString()).isEqualTo("{\"city\":\"Rome\"}");

        HttpResponse<String> openAi = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"anthropic/claude-sonnet-4-5\",\"tools\":[{\"type\":\"function\",\"function\":"
                        + "{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}],"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}");
        JsonObject choice = Gateway.json(openAi).getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getString("finish_reason")).isEqualTo("tool_calls");
        JsonArray calls = choice.getJsonObject("message").getJsonArray("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.getJsonObject(0).getString("id")).isEqualTo("toolu_01");
        assertThat(Gateway.json(calls.getJsonObject(0).getJsonObject("function").getString("arguments"))
                .getString("city")).isEqualTo("Paris");
    }

    @Test
    void errorsUseAnthropicsEnvelopeAndStatuses() {
        HttpResponse<String> missing = messages("{\"model\":\"openai/gpt-4o-mini\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(missing.statusCode()).isEqualTo(400);
        JsonObject envelope = Gateway.json(missing);
        assertThat(envelope.getString("type")).isEqualTo("error");
        assertThat(envelope.getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(envelope.getJsonObject("error").getString("message")).contains("max_tokens");
        assertThat(audit.row(Gateway.requestId(missing)).getInt("status")).isEqualTo(400);

        HttpResponse<String> unauthenticated = gateway.send(gateway.request("/v1/messages")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(Gateway.json(unauthenticated).getJsonObject("error").getString("type"))
                .isEqualTo("authentication_error");

        HttpResponse<String> limited = messages("{\"model\":\"anthropic/fault-429\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).contains("9");
        assertThat(Gateway.json(limited).getJsonObject("error").getString("type")).isEqualTo("rate_limit_error");

        HttpResponse<String> overloaded = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"anthropic/fault-529\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(overloaded.statusCode()).isEqualTo(502);
        assertThat(overloaded.body()).doesNotContain("Overloaded");

        HttpResponse<String> nTwo = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"anthropic/claude-haiku-4-5\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(nTwo.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(nTwo).getJsonObject("error").getString("message")).contains("'n'");
    }

    private JsonObject anthropicModelPage(String query) {
        HttpResponse<String> r = gateway.send(gateway.request("/v1/models" + query)
                .header("x-api-key", Gateway.ADMIN_KEY).header("anthropic-version", "2023-06-01").GET().build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Gateway.json(r);
    }

    @Test
    void anthropicClientsGetTheModelListInAnthropicsPagedFormat() {
        List<String> ids = new ArrayList<>();
        JsonObject page = anthropicModelPage("?limit=3");
        int pages = 1;
        while (true) {
            List<JsonObject> models = page.getJsonArray("data").getValuesAs(JsonObject.class);
            assertThat(models).hasSizeLessThanOrEqualTo(3);
            assertThat(models).allSatisfy(m -> assertThat(m.getString("type")).isEqualTo("model"));
            assertThat(page.getString("first_id")).isEqualTo(models.get(0).getString("id"));
            assertThat(page.getString("last_id")).isEqualTo(models.get(models.size() - 1).getString("id"));
            models.forEach(m -> ids.add(m.getString("id")));
            if (!page.getBoolean("has_more")) {
                break;
            }
            assertThat(pages++).as("paging ends").isLessThan(100);
            page = anthropicModelPage("?limit=3&after_id=" + page.getString("last_id"));
        }
        assertThat(ids).doesNotHaveDuplicates().contains("anthropic/claude-sonnet-4-5");
        JsonObject all = anthropicModelPage("?limit=1000");
        assertThat(all.getBoolean("has_more")).isFalse();
        assertThat(all.getJsonArray("data").getValuesAs(JsonObject.class)).extracting(m -> m.getString("id"))
                .containsExactlyElementsOf(ids);
        assertThat(anthropicModelPage("?after_id=" + ids.get(ids.size() - 1)).getJsonArray("data")).isEmpty();

        HttpResponse<String> bad = gateway.send(gateway.request("/v1/models?limit=0").header("x-api-key",
                Gateway.ADMIN_KEY).header("anthropic-version", "2023-06-01").GET().build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(bad).getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(audit.row(Gateway.requestId(bad)).getInt("status")).isEqualTo(400);
    }

    @Test
    void anAnthropicStreamErrorAfterTheFirstEventEndsWithAnErrorEvent() {
        HttpResponse<String> r = messages("{\"model\":\"anthropic/fault-error-event\",\"max_tokens\":50,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String[]> events = AnthropicStream.events(r.body());
        assertThat(events.get(0)[0]).isEqualTo("message_start");
        assertThat(events.get(events.size() - 1)[0]).isEqualTo("error");
        assertThat(events.stream().map(e -> e[0])).doesNotContain("message_stop");
        assertThat(audit.row(Gateway.requestId(r)).getInt("status")).isEqualTo(502);
    }
}
