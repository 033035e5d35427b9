package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.fake.FakeServer;
import io.aigw.it.fake.FakeUpstreams;
import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import io.aigw.it.support.OpenAiStream;
import io.aigw.it.support.Poll;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routes through the real server against the faithful fakes: fallback across providers and formats on each failure
 * class, plain and streamed; retries honouring {@code Retry-After}; circuit breakers that stop calls to a failing
 * upstream and let a probe through; weights, stickiness, least latency and cheapest; retiring targets; the allow-list
 * checked per target; versions and rollback; what the answer's headers and the audit record say.
 */
class RoutingIT extends GatewayIT {

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void clearScripts() {
        FakeUpstreams.openai().faults().clear();
        FakeUpstreams.anthropic().faults().clear();
        FakeUpstreams.gemini().faults().clear();
    }

    private String model(String what) {
        return "fake-" + what + "-" + tag;
    }

    private String route(String what) {
        return "rt-" + what + "-" + tag;
    }

    private HttpResponse<String> putRoute(String name, String json) {
        return gateway.method("PUT", "/admin/routes/" + name, Gateway.ADMIN_KEY, json);
    }

    /** A new route (201). */
    private void define(String name, String json) {
        HttpResponse<String> r = putRoute(name, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** A new version of an existing route (200). */
    private void redefine(String name, String json) {
        HttpResponse<String> r = putRoute(name, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<String> chat(String key, String model, boolean stream) {
        return gateway.post("/v1/chat/completions", key, "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}");
    }

    private HttpResponse<String> chat(String model) {
        return chat(Gateway.ADMIN_KEY, model, false);
    }

    private static String text(HttpResponse<String> r) {
        return Gateway.json(r).getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static long received(FakeServer fake, String model) {
        return fake.requests().stream().filter(q -> q.model().equals(Optional.of(model))).count();
    }

    private JsonArray attempts(HttpResponse<?> r) {
        return audit.row(Gateway.requestId(r)).getJsonObject("details").getJsonObject("route")
                .getJsonArray("attempts");
    }

    @Test
    void routesAreVersionedRolledBackListedAndValidated() {
        String name = route("versions");
        HttpResponse<String> created = putRoute(name, "{\"targets\":[{\"model\":\"openai/" + model("v1") + "\"}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject v1 = Gateway.json(created);
        assertThat(v1.getInt("version")).isEqualTo(1);
        assertThat(v1.getString("strategy")).isEqualTo("priority");
        assertThat(v1.getJsonArray("fallback_on").toString())
                .isEqualTo("[\"rate_limit\",\"server_error\",\"timeout\",\"unavailable\"]");
        HttpResponse<String> changed = putRoute(name, "{\"targets\":[{\"model\":\"openai/" + model("v2") + "\"}]}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(Gateway.json(changed).getInt("version")).isEqualTo(2);
        assertThat(text(chat(name))).isEqualTo("Hello from " + model("v2") + ".");

        JsonArray versions = Gateway.json(gateway.get("/admin/routes/" + name + "/versions", Gateway.ADMIN_KEY))
                .getJsonArray("data");
        assertThat(versions.getValuesAs(JsonObject.class).stream().map(v -> v.getInt("version")).toList())
                .containsExactly(2, 1);
        HttpResponse<String> rolledBack = gateway.post("/admin/routes/" + name + "/rollback", Gateway.ADMIN_KEY, "");
        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
        assertThat(Gateway.json(rolledBack).getInt("version")).isEqualTo(3);
        HttpResponse<String> answered = chat(name);
        assertThat(text(answered)).isEqualTo("Hello from " + model("v1") + ".");
        assertThat(header(answered, "x-aigw-route")).isEqualTo(name);
        assertThat(header(answered, "x-aigw-served-by")).isEqualTo("openai/" + model("v1"));
        assertThat(header(answered, "x-aigw-attempts")).isEqualTo("1");
        JsonObject row = audit.row(Gateway.requestId(answered));
        assertThat(row.getString("model_requested")).isEqualTo(name);
        assertThat(row.getString("model_resolved")).isEqualTo("openai/" + model("v1"));
        assertThat(row.getJsonObject("details").getJsonObject("route").getInt("version")).isEqualTo(3);
        JsonObject change = audit.row(Gateway.requestId(rolledBack)).getJsonArray("changes").getJsonObject(0);
        assertThat(change.getString("action")).isEqualTo("rollback");
        assertThat(change.getString("entity")).isEqualTo("route");

        JsonArray models = Gateway.json(gateway.get("/v1/models", Gateway.ADMIN_KEY)).getJsonArray("data");
        assertThat(models.getValuesAs(JsonObject.class).stream().filter(m -> m.getString("id").equals(name))
                .map(m -> m.getString("owned_by")).toList()).containsExactly("aigw-route");

        assertThat(gateway.delete("/admin/routes/" + name, Gateway.ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/admin/routes/" + name, Gateway.ADMIN_KEY).statusCode()).isEqualTo(404);
        HttpResponse<String> gone = chat(name);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Gateway.json(gone).getJsonObject("error").getString("code")).isEqualTo("model_not_found");

        HttpResponse<String> unknownField = putRoute(name, "{\"targets\":[{\"model\":\"openai/x\"}],\"retries\":3}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(unknownField).getString("param")).isEqualTo("retries");
        HttpResponse<String> badWeight = putRoute(name, "{\"strategy\":\"weighted\",\"targets\":[{\"model\":"
                + "\"openai/x\",\"weight\":-1}]}");
        assertThat(Gateway.json(badWeight).getString("param")).isEqualTo("targets[0].weight");
        String other = route("other");
        define(other, "{\"targets\":[{\"model\":\"openai/x\"}]}");
        HttpResponse<String> nested = putRoute(name, "{\"targets\":[{\"model\":\"" + other + "\"}]}");
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(nested).getString("detail")).isEqualTo("'" + other
                + "' is a route; a target must be a model.");
        HttpResponse<String> badName = putRoute("bad%20name", "{\"targets\":[{\"model\":\"openai/x\"}]}");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(badName).getString("param")).isEqualTo("name");
    }

    @Test
    void aFailingOpenAiUpstreamFallsBackToAnthropicPlainAndStreamed() {
        String failing = model("down");
        String name = route("fallback");
        define(name, "{\"targets\":[{\"model\":\"openai/" + failing + "\",\"priority\":1},"
                + "{\"model\":\"anthropic/claude-" + tag + "\",\"priority\":2}]}");
        FakeUpstreams.openai().faults().failAlways(failing, 500);

        HttpResponse<String> plain = chat(name);
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(text(plain)).isEqualTo("Hello from claude-" + tag + ".");
        assertThat(header(plain, "x-aigw-served-by")).isEqualTo("anthropic/claude-" + tag);
        assertThat(header(plain, "x-aigw-attempts")).isEqualTo("2");
        JsonArray attempts = attempts(plain);
        assertThat(attempts.getJsonObject(0).getString("target")).isEqualTo("openai/" + failing);
        assertThat(attempts.getJsonObject(0).getString("outcome")).isEqualTo("server_error");
        assertThat(attempts.getJsonObject(0).getInt("status")).isEqualTo(502);
        assertThat(attempts.getJsonObject(1).getString("outcome")).isEqualTo("ok");
        assertThat(audit.row(Gateway.requestId(plain)).getString("connection")).isEqualTo("anthropic");

        HttpResponse<java.util.stream.Stream<String>> streamed = gateway.stream("/v1/chat/completions",
                Gateway.ADMIN_KEY, "{\"model\":\"" + name + "\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hello there\"}]}");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(header(streamed, "x-aigw-served-by")).isEqualTo("anthropic/claude-" + tag);
        List<String> data = OpenAiStream.data(streamed);
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        String content = OpenAiStream.text(data);
        assertThat(content).isEqualTo("Hello from claude-" + tag + ".");
        HttpResponse<String> anthropicClient = gateway.send(Gateway.bearer(gateway.request("/v1/messages"),
                Gateway.ADMIN_KEY).header("Content-Type", "application/json").header("anthropic-version", "2023-06-01")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":\"" + name + "\",\"max_tokens\":50,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}")).build());
        assertThat(anthropicClient.statusCode()).as(anthropicClient.body()).isEqualTo(200);
        assertThat(Gateway.json(anthropicClient).getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("Hello from claude-" + tag + ".");
        assertThat(header(anthropicClient, "x-aigw-attempts")).isEqualTo("2");
        assertThat(FakeUpstreams.openai().faults().failuresServed(failing)).isEqualTo(3);
    }

    @Test
    void aTargetOverItsPerModelLimitIsSkippedAndAnUnpricedOneUnderABudget() {
        String limited = model("limited-target");
        String name = route("gated");
        define(name, "{\"targets\":[{\"model\":\"openai/" + limited + "\"},{\"model\":\"anthropic/claude-"
                + tag + "\"}]}");
        Keys.Issued key = Keys.issue(gateway, "gated", List.of(), List.of());
        HttpResponse<String> limit = gateway.method("PUT", "/admin/keys/" + key.id() + "/limits", Gateway.ADMIN_KEY,
                "{\"models\":{\"openai/" + limited + "\":{\"requests_per_minute\":1}}}");
        assertThat(limit.statusCode()).as(limit.body()).isEqualTo(200);
        assertThat(header(chat(key.secret(), name, false), "x-aigw-served-by")).isEqualTo("openai/" + limited);
        HttpResponse<String> second = chat(key.secret(), name, false);
        assertThat(header(second, "x-aigw-served-by")).isEqualTo("anthropic/claude-" + tag);
        JsonObject skipped = attempts(second).getJsonObject(0);
        assertThat(skipped.getString("reason")).isEqualTo("rate_limit_exceeded");
        assertThat(received(FakeUpstreams.openai(), limited)).isEqualTo(1);

        String tenant = "routed-budget-" + tag;
        Keys.Issued budgeted = Keys.issue(gateway, "budgeted", tenant, List.of(), List.of());
        HttpResponse<String> budget = gateway.method("PUT", "/admin/tenants/" + tenant + "/budget", Gateway.ADMIN_KEY,
                "{\"amount\":\"100\",\"currency\":\"USD\",\"period\":\"month\"}");
        assertThat(budget.statusCode()).as(budget.body()).isEqualTo(200);
        String priced = model("priced");
        HttpResponse<String> price = gateway.method("PUT", "/admin/prices", Gateway.ADMIN_KEY, "{\"model\":\"openai/"
                + priced + "\",\"currency\":\"USD\",\"input_per_million\":\"1.00\",\"output_per_million\":\"2.00\"}");
        assertThat(price.statusCode()).as(price.body()).isEqualTo(201);
        String pricedRoute = route("priced");
        define(pricedRoute, "{\"targets\":[{\"model\":\"openai/" + model("unpriced") + "\"},{\"model\":\"openai/"
                + priced + "\"}]}");
        HttpResponse<String> charged = chat(budgeted.secret(), pricedRoute, false);
        assertThat(charged.statusCode()).as(charged.body()).isEqualTo(200);
        assertThat(header(charged, "x-aigw-served-by")).isEqualTo("openai/" + priced);
        JsonObject details = audit.row(Gateway.requestId(charged)).getJsonObject("details");
        assertThat(details.getJsonObject("route").getJsonArray("attempts").getJsonObject(0).getString("reason"))
                .isEqualTo("model_unpriced");
        assertThat(details.getJsonObject("cost").getString("model")).isEqualTo("openai/" + priced);
        JsonObject usage = Gateway.json(charged).getJsonObject("usage");
        java.math.BigDecimal expected = java.math.BigDecimal.valueOf(usage.getInt("prompt_tokens"))
                .add(java.math.BigDecimal.valueOf(usage.getInt("completion_tokens") * 2L)).movePointLeft(6);
        assertThat(new java.math.BigDecimal(details.getJsonArray("budgets").getJsonObject(0).getString("charged")))
                .isEqualByComparingTo(expected);
        String unpricedOnly = route("unpriced");
        define(unpricedOnly, "{\"targets\":[{\"model\":\"openai/" + model("unpriced") + "\"}]}");
        HttpResponse<String> refused = chat(budgeted.secret(), unpricedOnly, false);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(refused).getJsonObject("error").getString("code")).isEqualTo("model_unpriced");
        assertThat(received(FakeUpstreams.openai(), model("unpriced"))).isZero();
    }

    @Test
    void anEmbeddingsRouteFallsBackToTheLocalModel() {
        String name = route("embed");
        define(name, "{\"targets\":[{\"model\":\"ollama/" + model("embed") + "\"},"
                + "{\"model\":\"local/all-minilm-l6-v2\"}]}");
        HttpResponse<String> r = gateway.post("/v1/embeddings", Gateway.ADMIN_KEY, "{\"model\":\"" + name
                + "\",\"input\":\"hello\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(header(r, "x-aigw-served-by")).isEqualTo("local/all-minilm-l6-v2");
        assertThat(Gateway.json(r).getJsonArray("data").getJsonObject(0).getJsonArray("embedding")).hasSize(384);
        assertThat(attempts(r).getJsonObject(0).getString("outcome")).isEqualTo("unavailable");
    }

    @Test
    void eachConfiguredFailureClassFallsBackAndOthersDoNot() {
        String ok = model("ok");
        Map<String, String> failing = Map.of(
                "rate_limit", "openai/" + model("limited"),
                "context_length", "openai/fault-context-length",
                "unavailable", "ollama/" + model("nowhere"),
                "timeout", "openai/fault-timeout");
        FakeUpstreams.openai().faults().failAlways(model("limited"), 429);
        for (Map.Entry<String, String> c : failing.entrySet()) {
            String name = route("class-" + c.getKey().replace('_', '-'));
            define(name, "{\"fallback_on\":[\"" + c.getKey() + "\"],\"targets\":[{\"model\":\"" + c.getValue()
                    + "\"},{\"model\":\"gemini/gemini-" + tag + "\"}]}");
            HttpResponse<String> r = chat(name);
            assertThat(r.statusCode()).as(c.getKey() + " " + r.body()).isEqualTo(200);
            assertThat(text(r)).isEqualTo("Hello from gemini-" + tag + ".");
            assertThat(attempts(r).getJsonObject(0).getString("outcome")).isEqualTo(c.getKey());
        }
        String strict = route("strict");
        define(strict, "{\"fallback_on\":[\"timeout\"],\"targets\":[{\"model\":\"openai/" + model("limited")
                + "\"},{\"model\":\"openai/" + ok + "\"}]}");
        HttpResponse<String> refused = chat(strict);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, "x-aigw-attempts")).isEqualTo("1");
        assertThat(received(FakeUpstreams.openai(), ok)).isZero();
    }

    @Test
    void aStreamThatFailsAfterItsFirstByteEndsWithAnErrorEventAndNoFallback() {
        String name = route("midstream");
        define(name, "{\"targets\":[{\"model\":\"openai/fault-reset-midstream\"},{\"model\":\"openai/"
                + model("spare") + "\"}]}");
        HttpResponse<java.util.stream.Stream<String>> r = gateway.stream("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"" + name + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> data = OpenAiStream.data(r);
        assertThat(data).doesNotContain("[DONE]");
        assertThat(Gateway.json(data.get(data.size() - 1)).getJsonObject("error").getString("code"))
                .isEqualTo("upstream_error");
        assertThat(received(FakeUpstreams.openai(), model("spare"))).isZero();
    }

    @Test
    void retriesHonourRetryAfterUpToTheCeilingThenCoolTheTargetDown() {
        String flaky = model("flaky");
        String name = route("retry");
        define(name, "{\"retry\":{\"max_attempts\":2,\"backoff\":\"PT0.05S\",\"honor_retry_after_up_to\":\"PT2S\"},"
                + "\"targets\":[{\"model\":\"openai/" + flaky + "\"},{\"model\":\"anthropic/claude-" + tag + "\"}]}");
        FakeUpstreams.openai().faults().failNext(flaky, 1, 429, Duration.ofSeconds(1));
        long start = System.nanoTime();
        HttpResponse<String> retried = chat(name);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(header(retried, "x-aigw-served-by")).isEqualTo("openai/" + flaky);
        assertThat(header(retried, "x-aigw-attempts")).isEqualTo("2");
        assertThat(tookMillis).as("waited the 1 s Retry-After, not the 0.05 s backoff, and no longer")
                .isBetween(1000L, 2000L);
        assertThat(attempts(retried).getJsonObject(0).getString("outcome")).isEqualTo("rate_limit");

        FakeUpstreams.openai().faults().failNext(flaky, 1, 429, Duration.ofSeconds(30));
        HttpResponse<String> movedOn = chat(name);
        assertThat(header(movedOn, "x-aigw-served-by")).isEqualTo("anthropic/claude-" + tag);
        assertThat(header(movedOn, "x-aigw-attempts")).isEqualTo("2");
        long before = received(FakeUpstreams.openai(), flaky);
        HttpResponse<String> cooling = chat(name);
        assertThat(header(cooling, "x-aigw-served-by")).isEqualTo("anthropic/claude-" + tag);
        assertThat(received(FakeUpstreams.openai(), flaky)).isEqualTo(before);
        JsonObject skipped = attempts(cooling).getJsonObject(0);
        assertThat(skipped.getString("outcome")).isEqualTo("skipped");
        assertThat(skipped.getString("reason")).isEqualTo("cooling_down");
    }

    @Test
    void aBreakerOpensSkipsTheFailingUpstreamThenHalfOpensAndCloses() {
        String failing = model("breaker");
        String name = route("breaker");
        define(name, "{\"circuit_breaker\":{\"failure_ratio\":0.5,\"min_requests\":2,\"window\":\"PT30S\","
                + "\"open_for\":\"PT1S\"},\"targets\":[{\"model\":\"openai/" + failing + "\"},"
                + "{\"model\":\"anthropic/claude-" + tag + "\"}]}");
        FakeUpstreams.openai().faults().failAlways(failing, 503);
        for (int i = 0; i < 2; i++) {
            assertThat(header(chat(name), "x-aigw-served-by")).isEqualTo("anthropic/claude-" + tag);
        }
        assertThat(received(FakeUpstreams.openai(), failing)).isEqualTo(2);
        HttpResponse<String> open = chat(name);
        assertThat(header(open, "x-aigw-attempts")).isEqualTo("1");
        assertThat(attempts(open).getJsonObject(0).getString("reason")).isEqualTo("breaker_open");
        assertThat(received(FakeUpstreams.openai(), failing)).isEqualTo(2);
        assertThat(breakerState(failing)).isEqualTo("open");
        FakeUpstreams.openai().faults().recover(failing);
        assertThat(Poll.until(Duration.ofSeconds(5), () -> ("openai/" + failing).equals(
                header(chat(name), "x-aigw-served-by")))).isTrue();
        assertThat(received(FakeUpstreams.openai(), failing)).isEqualTo(3);
        assertThat(breakerState(failing)).isEqualTo("closed");
        assertThat(header(chat(name), "x-aigw-served-by")).isEqualTo("openai/" + failing);
    }

    private String breakerState(String model) {
        JsonArray connections = Gateway.json(gateway.get("/v1/models", Gateway.ADMIN_KEY)).getJsonArray("connections");
        return connections.getValuesAs(JsonObject.class).stream().filter(c -> c.getString("name").equals("openai"))
                .flatMap(c -> c.getJsonArray("breakers").getValuesAs(JsonObject.class).stream())
                .filter(b -> b.getString("model").equals(model)).map(b -> b.getString("state")).findFirst()
                .orElse(null);
    }

    @Test
    void weightsSplitTwoThousandRequestsWithinThreePoints() {
        // a 90/10 canary: ±3 points is 4.5 standard deviations of 2,000 draws, so the test fails only when weights do
        String name = route("weights");
        define(name, "{\"strategy\":\"weighted\",\"targets\":[{\"model\":\"openai/" + model("w90")
                + "\",\"weight\":90},{\"model\":\"openai/" + model("w10") + "\",\"weight\":10}]}");
        Map<String, Integer> served = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                sent.add(clients.submit(() -> served.merge(String.valueOf(header(chat(name), "x-aigw-served-by")), 1,
                        Integer::sum)));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            clients.shutdownNow();
        }
        assertThat(served.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2000);
        assertThat(served.get("openai/" + model("w90")) / 20.0).isBetween(87.0, 93.0);
        assertThat(served.get("openai/" + model("w10")) / 20.0).isBetween(7.0, 13.0);
    }

    @Test
    void stickyUsersKeepTheirTarget() {
        String name = route("sticky");
        define(name, "{\"strategy\":\"weighted\",\"sticky\":\"user\",\"targets\":[{\"model\":\"openai/"
                + model("s1") + "\",\"weight\":50},{\"model\":\"openai/" + model("s2") + "\",\"weight\":50}]}");
        Map<String, String> firstTarget = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int u = 0; u < 20; u++) {
                HttpResponse<String> r = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, "{\"model\":\""
                        + name + "\",\"user\":\"user-" + u + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                String target = header(r, "x-aigw-served-by");
                assertThat(firstTarget.computeIfAbsent("user-" + u, k -> target)).as("user-" + u).isEqualTo(target);
            }
        }
        assertThat(firstTarget.values()).contains("openai/" + model("s1"), "openai/" + model("s2"));
    }

    @Test
    void leastLatencyMovesToTheFasterUpstream() {
        String slow = model("slow");
        String fast = model("fast");
        String name = route("latency");
        define(name, "{\"strategy\":\"least-latency\",\"targets\":[{\"model\":\"openai/" + slow + "\"},"
                + "{\"model\":\"anthropic/claude-" + fast + "\"}]}");
        FakeUpstreams.openai().faults().delay(slow, Duration.ofMillis(300));
        for (int i = 0; i < 3; i++) {
            chat(name); // each target gets its first sample
        }
        for (int i = 0; i < 5; i++) {
            assertThat(header(chat(name), "x-aigw-served-by")).isEqualTo("anthropic/claude-" + fast);
        }
        assertThat(received(FakeUpstreams.openai(), slow)).isEqualTo(1);
    }

    @Test
    void cheapestPicksTheLowestPriceAndSaysWhenThereIsNone() {
        String dear = model("dear");
        String cheap = model("cheap");
        String name = route("cheapest");
        define(name, "{\"strategy\":\"cheapest\",\"targets\":[{\"model\":\"openai/" + dear + "\"},"
                + "{\"model\":\"openai/" + cheap + "\"}]}");
        HttpResponse<String> unpriced = chat(name);
        assertThat(header(unpriced, "x-aigw-served-by")).isEqualTo("openai/" + dear);
        assertThat(audit.row(Gateway.requestId(unpriced)).getJsonObject("details").getJsonObject("route")
                .getString("cheapest")).isEqualTo("no target has a price: priority order");
        for (String[] p : new String[][] {{dear, "5.00"}, {cheap, "0.10"}}) {
            HttpResponse<String> priced = gateway.method("PUT", "/admin/prices", Gateway.ADMIN_KEY,
                    "{\"model\":\"openai/" + p[0] + "\",\"currency\":\"USD\",\"input_per_million\":\"" + p[1]
                            + "\",\"output_per_million\":\"" + p[1] + "\"}");
            assertThat(priced.statusCode()).as(priced.body()).isEqualTo(201);
        }
        assertThat(Poll.until(Duration.ofSeconds(8), () -> ("openai/" + cheap).equals(
                header(chat(name), "x-aigw-served-by")))).isTrue();
    }

    @Test
    void retiringTargetsAreAnnouncedAndSkippedOnceRetired() {
        Instant sunset = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String name = route("retiring");
        define(name, "{\"targets\":[{\"model\":\"openai/" + model("old") + "\",\"retire_at\":\"" + sunset + "\"},"
                + "{\"model\":\"openai/" + model("new") + "\"}]}");
        HttpResponse<String> r = chat(name);
        assertThat(header(r, "x-aigw-served-by")).isEqualTo("openai/" + model("old"));
        assertThat(header(r, "Sunset")).isEqualTo(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(sunset.atOffset(java.time.ZoneOffset.UTC)));
        assertThat(header(r, "Deprecation")).startsWith("@");

        redefine(name, "{\"targets\":[{\"model\":\"openai/" + model("old") + "\",\"retire_at\":\"2020-01-01T00:00:00Z\"},"
                + "{\"model\":\"openai/" + model("new") + "\"}]}");
        HttpResponse<String> after = chat(name);
        assertThat(header(after, "x-aigw-served-by")).isEqualTo("openai/" + model("new"));
        assertThat(header(after, "Sunset")).isNull();
        assertThat(attempts(after).getJsonObject(0).getString("reason")).isEqualTo("retired");

        String viaPrice = route("retiring-price");
        define(viaPrice, "{\"targets\":[{\"model\":\"openai/" + model("price-old") + "\"},{\"model\":\"openai/"
                + model("price-new") + "\"}]}");
        HttpResponse<String> priced = gateway.method("PUT", "/admin/prices", Gateway.ADMIN_KEY, "{\"model\":\"openai/"
                + model("price-old") + "\",\"currency\":\"USD\",\"input_per_million\":\"1\",\"output_per_million\":"
                + "\"1\",\"retire_at\":\"" + sunset + "\"}");
        assertThat(priced.statusCode()).as(priced.body()).isEqualTo(201);
        assertThat(Gateway.json(priced).getString("retire_at")).isEqualTo(sunset.toString());
        HttpResponse<String> announced = Poll.last(Duration.ofSeconds(8), () -> chat(viaPrice),
                x -> header(x, "Sunset") != null);
        assertThat(header(announced, "x-aigw-served-by")).isEqualTo("openai/" + model("price-old"));
        assertThat(header(announced, "Sunset")).isEqualTo(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(sunset.atOffset(java.time.ZoneOffset.UTC)));
        gateway.method("PUT", "/admin/prices", Gateway.ADMIN_KEY, "{\"model\":\"openai/" + model("price-old")
                + "\",\"currency\":\"USD\",\"input_per_million\":\"1\",\"output_per_million\":\"1\","
                + "\"retire_at\":\"2020-01-01T00:00:00Z\"}");
        assertThat(header(Poll.last(Duration.ofSeconds(8), () -> chat(viaPrice),
                x -> ("openai/" + model("price-new")).equals(header(x, "x-aigw-served-by"))), "x-aigw-served-by"))
                .isEqualTo("openai/" + model("price-new"));
    }

    @Test
    void aKeyReachesOnlyTheTargetsItMayUse() {
        String name = route("allowed");
        define(name, "{\"targets\":[{\"model\":\"anthropic/claude-" + tag + "\"},{\"model\":\"openai/"
                + model("allowed") + "\"}]}");
        Keys.Issued routeOnly = Keys.issue(gateway, "route-only", List.of(), List.of(name));
        HttpResponse<String> none = chat(routeOnly.secret(), name, false);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(Gateway.json(none).getJsonObject("error").getString("code")).isEqualTo("model_not_allowed");
        assertThat(received(FakeUpstreams.anthropic(), "claude-" + tag)).isZero();

        Keys.Issued openaiToo = Keys.issue(gateway, "route-and-openai", List.of(), List.of(name, "openai/*"));
        HttpResponse<String> r = chat(openaiToo.secret(), name, false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "x-aigw-served-by")).isEqualTo("openai/" + model("allowed"));
        assertThat(attempts(r).getJsonObject(0).getString("reason")).isEqualTo("not_allowed");

        Keys.Issued targetOnly = Keys.issue(gateway, "target-only", List.of(), List.of("openai/*"));
        assertThat(chat(targetOnly.secret(), name, false).statusCode()).isEqualTo(403);
    }
}
