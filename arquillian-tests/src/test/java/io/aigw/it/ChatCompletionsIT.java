package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.fake.FakeOpenAiServer;
import io.aigw.it.fake.FakeUpstreams;
import io.aigw.it.fake.RecordedRequest;
import io.aigw.it.fake.StreamGate;
import io.aigw.it.support.Gateway;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/chat/completions} through the whole chain to the fake OpenAI upstream, plain and streamed. */
class ChatCompletionsIT extends GatewayIT {

    private final FakeOpenAiServer fake = FakeUpstreams.openai();

    @Test
    void answersAPlainCompletionAndAuditsItBeforeAnswering() {
        String user = "plain-" + UUID.randomUUID();
        HttpResponse<String> r = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"openai/gpt-4o-mini\",\"seed\":42,\"user\":\"" + user + "\",\"messages\":["
                        + "{\"role\":\"system\",\"content\":\"Be brief\"},{\"role\":\"user\",\"content\":\"Say hello now\"}]}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = Gateway.json(r);
        assertThat(body.getString("object")).isEqualTo("chat.completion");
        assertThat(body.getString("model")).isEqualTo("openai/gpt-4o-mini");
        JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getJsonObject("message").getString("content")).isEqualTo("Hello from gpt-4o-mini.");
        assertThat(choice.getString("finish_reason")).isEqualTo("stop");
        JsonObject usage = body.getJsonObject("usage");
        assertThat(usage.getInt("prompt_tokens")).isEqualTo(5);
        assertThat(usage.getInt("completion_tokens")).isEqualTo(3);
        assertThat(usage.getInt("total_tokens")).isEqualTo(8);

        RecordedRequest upstream = fake.lastRequestWithUser(user).orElseThrow();
        assertThat(upstream.header("Authorization")).contains("Bearer " + FakeOpenAiServer.UPSTREAM_KEY);
        assertThat(upstream.json().orElseThrow().getString("model")).isEqualTo("gpt-4o-mini");
        assertThat(upstream.json().orElseThrow().getInt("seed")).isEqualTo(42);

        // committed before the response was returned: no waiting
        JsonObject row = audit.row(Gateway.requestId(r));
        assertThat(row.getInt("status")).isEqualTo(200);
        assertThat(row.getString("operation")).isEqualTo("chat");
        assertThat(row.getString("model_requested")).isEqualTo("openai/gpt-4o-mini");
        assertThat(row.getString("model_resolved")).isEqualTo("openai/gpt-4o-mini");
        assertThat(row.getString("connection")).isEqualTo("openai");
        assertThat(row.getInt("input_tokens")).isEqualTo(5);
        assertThat(row.getInt("output_tokens")).isEqualTo(3);
        assertThat(row.getBoolean("stream")).isFalse();
        assertThat(row.getString("key_id")).startsWith("key_");
        assertThat(row.toString()).doesNotContain(Gateway.ADMIN_KEY).doesNotContain(FakeOpenAiServer.UPSTREAM_KEY);
    }

    @Test
    void plainModelNamesGoToTheConnectionThatServesThem() {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Gateway.json(r).getString("model")).isEqualTo("gpt-4o");
        assertThat(audit.row(Gateway.requestId(r)).getString("model_resolved")).isEqualTo("openai/gpt-4o");
    }

    @Test
    void streamsChunkByChunkWithUsageWhenAskedAndEndsWithDone() {
        HttpResponse<Stream<String>> r = gateway.stream("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> events = events(r.body());

        assertThat(events).last().isEqualTo("[DONE]");
        List<JsonObject> chunks = events.subList(0, events.size() - 1).stream().map(Gateway::json).toList();
        assertThat(chunks.get(0).getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("role"))
                .isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        for (JsonObject c : chunks) {
            assertThat(c.getString("object")).isEqualTo("chat.completion.chunk");
            assertThat(c.getString("model")).isEqualTo("openai/gpt-4o-mini");
            assertThat(c.containsKey("usage")).isTrue();
            JsonArray choices = c.getJsonArray("choices");
            if (!choices.isEmpty() && choices.getJsonObject(0).getJsonObject("delta").containsKey("content")) {
                text.append(choices.getJsonObject(0).getJsonObject("delta").getString("content"));
            }
        }
        assertThat(text.toString()).isEqualTo("Hello from gpt-4o-mini.");
        JsonObject last = chunks.get(chunks.size() - 1);
        assertThat(last.getJsonArray("choices")).isEmpty();
        assertThat(last.getJsonObject("usage").getInt("prompt_tokens")).isEqualTo(3);
        assertThat(last.getJsonObject("usage").getInt("completion_tokens")).isEqualTo(3);

        JsonObject row = audit.row(Gateway.requestId(r));
        assertThat(row.getBoolean("stream")).isTrue();
        assertThat(row.getInt("output_tokens")).isEqualTo(3);
        assertThat(row.getBoolean("usage_estimated")).isFalse();
        assertThat(row.getString("finish_reason")).isEqualTo("stop");
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageButTheGatewayStillAudtisTheProvidersCount() {
        String user = "nousage-" + UUID.randomUUID();
        HttpResponse<Stream<String>> r = gateway.stream("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"user\":\"" + user + "\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}");
        List<String> events = events(r.body());
        assertThat(events).last().isEqualTo("[DONE]");
        for (String e : events.subList(0, events.size() - 1)) {
            JsonObject chunk = Gateway.json(e);
            assertThat(chunk.containsKey("usage")).as(e).isFalse();
            assertThat(chunk.getJsonArray("choices")).isNotEmpty();
        }
        JsonObject upstream = fake.lastRequestWithUser(user).orElseThrow().json().orElseThrow();
        assertThat(upstream.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
        assertThat(audit.row(Gateway.requestId(r)).getInt("input_tokens")).isEqualTo(2);
    }

    @Test
    void forwardsEachChunkBeforeTheUpstreamHasFinished() throws Exception {
        String gateId = "gate-" + UUID.randomUUID();
        StreamGate gate = fake.gate(gateId);
        HttpResponse<Stream<String>> r = gateway.stream("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"fake-gated-stream\",\"stream\":true,\"user\":\"" + gateId + "\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        Iterator<String> lines = r.body().iterator();
        StringBuilder before = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ") && line.contains("Hello")) {
                before.append(line);
                break;
            }
        }
        // the upstream is still held at its gate: the chunk cannot have been buffered until the end
        assertThat(gate.isReached()).isTrue();
        assertThat(gate.isReleased()).isFalse();
        assertThat(before.toString()).contains("\"content\":\"Hello \"");
        gate.release();
        List<String> rest = new ArrayList<>();
        lines.forEachRemaining(l -> {
            if (!l.isEmpty()) {
                rest.add(l);
            }
        });
        assertThat(String.join("\n", rest)).contains("world.");
        assertThat(rest).last().isEqualTo("data: [DONE]");
    }

    @Test
    void relaysParallelToolCallsPlainAndStreamed() {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
        HttpResponse<String> plain = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"gpt-4o-mini\"," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        JsonObject choice = Gateway.json(plain).getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getString("finish_reason")).isEqualTo("tool_calls");
        JsonArray calls = choice.getJsonObject("message").getJsonArray("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.getJsonObject(1).getJsonObject("function").getString("arguments"))
                .isEqualTo("{\"city\":\"Rome\"}");

        HttpResponse<Stream<String>> streamed = gateway.stream("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"gpt-4o-mini\",\"stream\":true," + tools
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}");
        List<String> events = events(streamed.body());
        StringBuilder[] args = {new StringBuilder(), new StringBuilder()};
        String[] names = new String[2];
        String finish = null;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonObject c = Gateway.json(e).getJsonArray("choices").getJsonObject(0);
            if (!c.isNull("finish_reason")) {
                finish = c.getString("finish_reason");
            }
            JsonArray deltas = c.getJsonObject("delta").getJsonArray("tool_calls");
            if (deltas == null) {
                continue;
            }
            for (JsonObject d : deltas.getValuesAs(JsonObject.class)) {
                int i = d.getInt("index");
                JsonObject fn = d.getJsonObject("function");
                if (fn.containsKey("name")) {
                    names[i] = fn.getString("name");
                }
                args[i].append(fn.getString("arguments", ""));
            }
        }
        assertThat(finish).isEqualTo("tool_calls");
        assertThat(names).containsExactly("get_weather", "get_weather");
        assertThat(args[0].toString()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(args[1].toString()).isEqualTo("{\"city\":\"Rome\"}");
    }

    @Test
    void auditsAStreamTheClientAbandoned() throws Exception {
        String gateId = "gate-" + UUID.randomUUID();
        StreamGate gate = fake.gate(gateId);
        String body = "{\"model\":\"fake-gated-stream\",\"stream\":true,\"user\":\"" + gateId + "\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String id;
        // a raw socket, so that the client is gone (reset) before the upstream goes on; an HTTP client may close its
        // connection later, on its own thread, while the gateway still writes the rest of the stream successfully
        try (java.net.Socket client = new java.net.Socket(url.getHost(), url.getPort())) {
            client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + url.getHost()
                    + "\r\nAuthorization: Bearer " + Gateway.ADMIN_KEY + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n"
                    + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            client.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    client.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String requestId = null;
            for (String line = in.readLine(); line != null && !line.contains("\"content\":\"Hello \"");
                    line = in.readLine()) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("x-request-id:")) {
                    requestId = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            assertThat(requestId).as("the response headers name the request").isNotNull();
            id = requestId;
            assertThat(gate.awaitReached(Duration.ofSeconds(10))).isTrue();
            client.setSoLinger(true, 0);
        }
        gate.release();
        JsonObject row = audit.awaitRow(id, Duration.ofSeconds(30)).orElseThrow();
        assertThat(row.getInt("status")).isEqualTo(499);
        assertThat(row.getString("error_code")).isEqualTo("client-aborted");
        // the usage relayed before the client left, estimated (the fake reports usage only at the end): "hi" is one
        // token, "Hello " two, and whatever the gateway wrote before it saw the reset
        assertThat(row.getBoolean("usage_estimated")).isTrue();
        assertThat(row.getInt("input_tokens")).isEqualTo(1);
        assertThat(row.getInt("output_tokens")).isGreaterThanOrEqualTo(2);
    }

    /** The data of each SSE event, in order. */
    static List<String> events(Stream<String> lines) {
        List<String> out = new ArrayList<>();
        lines.forEach(l -> {
            if (l.startsWith("data: ")) {
                out.add(l.substring(6));
            }
        });
        return out;
    }
}
