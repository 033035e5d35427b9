package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.support.Gateway;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Local GGUF chat through the gateway: the test server's {@code local} connection loads the random-weight fixture
 * written before the server started ({@code tiny-llama}). Its text is noise, but what the issue makes exact is exact:
 * greedy decoding repeats itself, {@code max_tokens} tokens end with {@code length}, usage is counted, tokens stream,
 * the pool bounds concurrent generations, and what a text model cannot do is a clear 400.
 */
class LocalChatIT extends GatewayIT {

    private static final String MODEL = "local/tiny-llama";
    private static final int POOL = 2;

    private static String chat(int maxTokens, boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"max_tokens\":" + maxTokens + ",\"temperature\":0,\"seed\":7,"
                + (stream ? "\"stream\":true,\"stream_options\":{\"include_usage\":true}," : "")
                + "\"messages\":[{\"role\":\"system\",\"content\":\"You are a cat.\"},"
                + "{\"role\":\"user\",\"content\":\"Once upon a time\"}]}";
    }

    @Test
    void greedyGenerationIsRepeatableStopsAtMaxTokensAndIsCounted() {
        HttpResponse<String> first = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, chat(12, false));
        HttpResponse<String> second = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, chat(12, false));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonObject a = Gateway.json(first);
        JsonObject choice = a.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getString("finish_reason")).isEqualTo("length");
        assertThat(choice.getJsonObject("message").getString("content")).isNotEmpty()
                .isEqualTo(Gateway.json(second).getJsonArray("choices").getJsonObject(0).getJsonObject("message")
                        .getString("content"));
        JsonObject usage = a.getJsonObject("usage");
        assertThat(usage.getInt("completion_tokens")).isEqualTo(12);
        assertThat(usage.getInt("prompt_tokens")).isPositive();

        JsonObject row = audit.row(Gateway.requestId(first));
        assertThat(row.getString("connection")).isEqualTo("local");
        assertThat(row.getInt("output_tokens")).isEqualTo(12);
        assertThat(row.getInt("input_tokens")).isEqualTo(usage.getInt("prompt_tokens"));
    }

    @Test
    void tokensStreamOneChunkEachWithTheSameUsage() {
        HttpResponse<String> plain = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, chat(9, false));
        HttpResponse<String> r = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, chat(9, true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonObject> chunks = r.body().lines().filter(l -> l.startsWith("data: {"))
                .map(l -> Gateway.json(l.substring(6))).toList();
        assertThat(r.body().strip()).endsWith("data: [DONE]");
        StringBuilder text = new StringBuilder();
        int contentChunks = 0;
        String finish = null;
        JsonObject usage = null;
        for (JsonObject chunk : chunks) {
            if (chunk.getJsonArray("choices").isEmpty()) {
                usage = chunk.getJsonObject("usage");
                continue;
            }
            JsonObject c = chunk.getJsonArray("choices").getJsonObject(0);
            String content = c.getJsonObject("delta").getString("content", "");
            if (!content.isEmpty()) {
                contentChunks++;
                text.append(content);
            }
            if (!c.isNull("finish_reason")) {
                finish = c.getString("finish_reason");
            }
        }
        assertThat(chunks.get(0).getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("role"))
                .isEqualTo("assistant");
        assertThat(finish).isEqualTo("length");
        assertThat(contentChunks).isEqualTo(9);
        assertThat(usage).isNotNull();
        assertThat(usage.getInt("completion_tokens")).isEqualTo(9);
        JsonObject plainAnswer = Gateway.json(plain);
        assertThat(text.toString()).isEqualTo(plainAnswer.getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
        assertThat(usage.getInt("prompt_tokens")).isEqualTo(plainAnswer.getJsonObject("usage").getInt("prompt_tokens"));
    }

    @Test
    void anthropicClientsReachTheLocalModelToo() {
        HttpResponse<String> r = gateway.send(gateway.request("/v1/messages").header("x-api-key", Gateway.ADMIN_KEY)
                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"max_tokens\":5,"
                        + "\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = Gateway.json(r);
        assertThat(body.getString("stop_reason")).isEqualTo("max_tokens");
        assertThat(body.getJsonObject("usage").getInt("output_tokens")).isEqualTo(5);
    }

    @Test
    void whatATextModelCannotDoIsAClearBadRequest() {
        HttpResponse<String> tools = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, "{\"model\":\"" + MODEL
                + "\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(tools.statusCode()).as(tools.body()).isEqualTo(400);
        assertThat(Gateway.json(tools).getJsonObject("error").getString("message")).contains("tool");

        HttpResponse<String> image = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, "{\"model\":\"" + MODEL
                + "\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}]}");
        assertThat(image.statusCode()).as(image.body()).isEqualTo(400);
        assertThat(Gateway.json(image).getJsonObject("error").getString("message")).contains("image");
    }

    @Test
    void thePoolBoundsConcurrentGenerations() throws Exception {
        int requests = 2 * POOL + 1;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try {
            List<Callable<long[]>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(this::timedStream);
            }
            List<long[]> spans = new ArrayList<>();
            for (Future<long[]> f : clients.invokeAll(calls)) {
                spans.add(f.get());
            }
            int most = 0;
            for (long[] span : spans) {
                long at = span[0];
                int overlapping = (int) spans.stream().filter(s -> s[0] <= at && at < s[1]).count();
                most = Math.max(most, overlapping);
            }
            assertThat(most).as("streams producing tokens at the same time").isBetween(1, POOL);
        } finally {
            clients.shutdownNow();
        }
    }

    /** One stream's [first token, last token] on this client's clock. */
    private long[] timedStream() throws Exception {
        HttpResponse<java.io.InputStream> r = gateway.streamBytes("/v1/chat/completions", Gateway.ADMIN_KEY,
                chat(120, true));
        assertThat(r.statusCode()).isEqualTo(200);
        long first = 0;
        long last = 0;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data: {") && line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                    long now = System.nanoTime();
                    first = first == 0 ? now : first;
                    last = now;
                }
            }
        }
        return new long[] {first, last};
    }
}
