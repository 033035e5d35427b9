package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.fake.FakeUpstreams;
import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import io.aigw.it.support.OpenAiStream;
import io.aigw.it.support.Poll;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The response cache of a route (exact hits per tenant, streamed replay, bypass and refresh, what a hit costs and
 * records) and routes kept in the routes file ({@code aigw.routes.file}, reloaded on change, not changeable through the
 * API).
 */
class RouteCacheIT extends GatewayIT {

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    private HttpResponse<String> chat(String key, String body, String cacheHeader) {
        HttpRequest.Builder b = Gateway.bearer(gateway.request("/v1/chat/completions"), key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cacheHeader != null) {
            b.header("x-aigw-cache", cacheHeader);
        }
        return gateway.send(b.build());
    }

    private long received(String model) {
        return FakeUpstreams.openai().requests().stream().filter(q -> q.model().equals(Optional.of(model))).count();
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void answersAreCachedPerTenantReplayedAsStreamsAndCostNothing() {
        String upstream = "fake-cached-" + tag;
        String name = "rt-cache-" + tag;
        HttpResponse<String> defined = gateway.method("PUT", "/admin/routes/" + name, Gateway.ADMIN_KEY,
                "{\"cache\":{\"mode\":\"exact\",\"ttl\":\"PT10M\"},\"targets\":[{\"model\":\"openai/" + upstream
                        + "\"}]}");
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        Keys.Issued a = Keys.issue(gateway, "cache-a", "cache-a-" + tag, List.of(), List.of());
        Keys.Issued b = Keys.issue(gateway, "cache-b", "cache-b-" + tag, List.of(), List.of());
        String body = "{\"model\":\"" + name + "\",\"temperature\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"what is cached?\"}]}";

        HttpResponse<String> miss = chat(a.secret(), body, null);
        assertThat(miss.statusCode()).as(miss.body()).isEqualTo(200);
        assertThat(header(miss, "x-aigw-cache")).isEqualTo("miss");
        HttpResponse<String> hit = chat(a.secret(), body, null);
        assertThat(header(hit, "x-aigw-cache")).isEqualTo("hit");
        assertThat(header(hit, "x-aigw-served-by")).isEqualTo("openai/" + upstream);
        assertThat(Gateway.json(hit).getJsonArray("choices")).isEqualTo(Gateway.json(miss).getJsonArray("choices"));
        assertThat(received(upstream)).isEqualTo(1);

        JsonObject hitRow = audit.row(Gateway.requestId(hit));
        assertThat(hitRow.getInt("input_tokens")).isZero();
        assertThat(hitRow.getInt("output_tokens")).isZero();
        JsonObject cache = hitRow.getJsonObject("details").getJsonObject("cache");
        JsonObject missUsage = Gateway.json(miss).getJsonObject("usage");
        assertThat(cache.getString("status")).isEqualTo("hit");
        assertThat(cache.getInt("saved_input_tokens")).isEqualTo(missUsage.getInt("prompt_tokens"));
        assertThat(cache.getInt("saved_output_tokens")).isEqualTo(missUsage.getInt("completion_tokens"));

        HttpResponse<java.util.stream.Stream<String>> replay = gateway.stream("/v1/chat/completions", a.secret(),
                body.replace("\"temperature\":0", "\"temperature\":0,\"stream\":true"));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(header(replay, "x-aigw-cache")).isEqualTo("hit");
        List<String> data = OpenAiStream.data(replay);
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        String text = OpenAiStream.text(data);
        assertThat(text).isEqualTo("Hello from " + upstream + ".");
        assertThat(received(upstream)).isEqualTo(1);

        HttpResponse<String> otherTenant = chat(b.secret(), body, null);
        assertThat(header(otherTenant, "x-aigw-cache")).isEqualTo("miss");
        assertThat(received(upstream)).isEqualTo(2);

        HttpResponse<String> bypass = chat(a.secret(), body, "bypass");
        assertThat(header(bypass, "x-aigw-cache")).isEqualTo("bypass");
        assertThat(received(upstream)).isEqualTo(3);
        HttpResponse<String> refresh = chat(a.secret(), body, "refresh");
        assertThat(header(refresh, "x-aigw-cache")).isEqualTo("refresh");
        assertThat(received(upstream)).isEqualTo(4);
        HttpResponse<String> bad = chat(a.secret(), body, "never");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(bad).getJsonObject("error").getString("param")).isEqualTo("x-aigw-cache");

        HttpResponse<String> different = chat(a.secret(), body.replace("what is cached?", "what is not?"), null);
        assertThat(header(different, "x-aigw-cache")).isEqualTo("miss");
        assertThat(received(upstream)).isEqualTo(5);
    }

    @Test
    void aSemanticCacheAnswersCloseQuestionsOfTheSameTenantAndContextOnly() {
        String upstream = "fake-semantic-" + tag;
        String name = "rt-semantic-" + tag;
        HttpResponse<String> defined = gateway.method("PUT", "/admin/routes/" + name, Gateway.ADMIN_KEY,
                "{\"cache\":{\"mode\":\"semantic\",\"similarity\":0.8},\"targets\":[{\"model\":\"openai/"
                        + upstream + "\"}]}");
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        String asked = "What is the capital of France?";
        String close = "what's the capital city of France";
        String far = "How do I bake sourdough bread at home?";
        double closeSimilarity = cosine(asked, close);
        assertThat(closeSimilarity).isGreaterThan(0.8);
        assertThat(cosine(asked, far)).isLessThan(0.8);

        HttpResponse<String> first = chat(Gateway.ADMIN_KEY, question(name, "Be brief.", asked), null);
        assertThat(header(first, "x-aigw-cache")).isEqualTo("miss");
        HttpResponse<String> near = chat(Gateway.ADMIN_KEY, question(name, "Be brief.", close), null);
        assertThat(header(near, "x-aigw-cache")).isEqualTo("hit");
        assertThat(Gateway.json(near).getJsonArray("choices")).isEqualTo(Gateway.json(first).getJsonArray("choices"));
        JsonObject cache = audit.row(Gateway.requestId(near)).getJsonObject("details").getJsonObject("cache");
        assertThat(cache.getString("match")).isEqualTo("semantic");
        assertThat(cache.getJsonNumber("similarity").doubleValue()).isCloseTo(closeSimilarity,
                org.assertj.core.data.Offset.offset(0.001));
        assertThat(received(upstream)).isEqualTo(1);

        assertThat(header(chat(Gateway.ADMIN_KEY, question(name, "Be brief.", far), null), "x-aigw-cache"))
                .isEqualTo("miss");
        assertThat(header(chat(Gateway.ADMIN_KEY, question(name, "Answer in French.", close), null), "x-aigw-cache"))
                .isEqualTo("miss");
        Keys.Issued other = Keys.issue(gateway, "semantic-other", "semantic-" + tag, List.of(), List.of());
        assertThat(header(chat(other.secret(), question(name, "Be brief.", close), null), "x-aigw-cache"))
                .isEqualTo("miss");
        assertThat(received(upstream)).isEqualTo(4);
    }

    private static String question(String model, String system, String user) {
        return jakarta.json.Json.createObjectBuilder().add("model", model).add("messages", jakarta.json.Json
                .createArrayBuilder().add(jakarta.json.Json.createObjectBuilder().add("role", "system")
                        .add("content", system))
                .add(jakarta.json.Json.createObjectBuilder().add("role", "user").add("content", user))).build()
                .toString();
    }

    /** The cosine similarity of two texts by the local embedding model, asked through the gateway. */
    private double cosine(String a, String b) {
        HttpResponse<String> r = gateway.post("/v1/embeddings", Gateway.ADMIN_KEY, jakarta.json.Json
                .createObjectBuilder().add("model", "local/all-minilm-l6-v2").add("input", jakarta.json.Json
                        .createArrayBuilder().add(a).add(b)).build().toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        jakarta.json.JsonArray data = Gateway.json(r).getJsonArray("data");
        double[][] v = new double[2][];
        for (int i = 0; i < 2; i++) {
            jakarta.json.JsonArray e = data.getJsonObject(i).getJsonArray("embedding");
            v[i] = e.getValuesAs(jakarta.json.JsonNumber.class).stream().mapToDouble(jakarta.json.JsonNumber::doubleValue)
                    .toArray();
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < v[0].length; i++) {
            dot += v[0][i] * v[1][i];
            na += v[0][i] * v[0][i];
            nb += v[1][i] * v[1][i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void routesFromTheRoutesFileAreReloadedAndNotChangeableThroughTheApi() throws IOException {
        Path file = Path.of(System.getProperty("aigw.routes.file"));
        String name = "rt-file-" + tag;
        write(file, "{\"routes\":{\"" + name + "\":{\"targets\":[{\"model\":\"openai/fake-file-one-" + tag
                + "\"}]}}}");
        assertThat(Poll.until(Duration.ofSeconds(10), () -> gateway.get("/admin/routes/" + name, Gateway.ADMIN_KEY)
                .statusCode() == 200)).isTrue();
        JsonObject route = Gateway.json(gateway.get("/admin/routes/" + name, Gateway.ADMIN_KEY));
        assertThat(route.getString("source")).isEqualTo("file");
        assertThat(route.getInt("version")).isEqualTo(1);

        HttpResponse<String> refused = gateway.method("PUT", "/admin/routes/" + name, Gateway.ADMIN_KEY,
                "{\"targets\":[{\"model\":\"openai/x\"}]}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(Gateway.json(refused).getString("detail")).isEqualTo("The route '" + name + "' is managed in the "
                + "routes file (aigw.routes.file); change it there.");

        write(file, "{\"routes\":{\"" + name + "\":{\"targets\":[{\"model\":\"openai/fake-file-second-" + tag
                + "\"}]}}}");
        assertThat(Poll.until(Duration.ofSeconds(10), () -> Gateway.json(gateway.get("/admin/routes/" + name,
                Gateway.ADMIN_KEY)).getInt("version") == 2)).isTrue();
        HttpResponse<String> r = chat(Gateway.ADMIN_KEY, "{\"model\":\"" + name + "\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hi\"}]}", null);
        assertThat(header(r, "x-aigw-served-by")).isEqualTo("openai/fake-file-second-" + tag);

        write(file, "{\"routes\":{}}");
        assertThat(Poll.until(Duration.ofSeconds(10), () -> gateway.get("/admin/routes/" + name, Gateway.ADMIN_KEY)
                .statusCode() == 404)).isTrue();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
