package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import io.aigw.it.support.PrometheusSamples;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} on the real server: who may scrape, the format as Prometheus' own checker reads it, and the
 * GenAI and gateway metrics counting exactly the traffic the test sent (its own tenant, key and model names keep its
 * series apart; series other tests share are compared before and after).
 */
class MetricsIT extends GatewayIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void scrapingNeedsTheMetricsRoleIsAuditedAndPassesPromtool() throws Exception {
        HttpResponse<String> anonymous = gateway.get("/metrics", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("content-type")).hasValue("application/problem+json");

        Keys.Issued user = Keys.issue(gateway, "metrics-user-" + run, List.of(), List.of());
        HttpResponse<String> forbidden = gateway.get("/metrics", user.secret());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(Gateway.json(forbidden).getString("detail")).isEqualTo("This operation needs the 'metrics' role, "
                + "which the API key '" + user.id() + "' does not have.");

        Keys.Issued scraper = Keys.issue(gateway, "prometheus-" + run, List.of("metrics"), List.of());
        HttpResponse<String> scraped = gateway.get("/metrics", scraper.secret());
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("content-type")).hasValue("text/plain;charset=utf-8;version=0.0.4");
        assertThat(scraped.body()).contains("# TYPE gen_ai_client_token_usage histogram\n",
                "# TYPE aigw_requests_total counter\n", "# TYPE aigw_pool_connections gauge\n",
                "# TYPE aigw_audit_commit_duration_seconds histogram\n",
                "# TYPE aigw_trace_spans_exported_total counter\n");
        assertThat(promtool(scraped.body())).isEqualTo("exit 0: ");

        JsonObject record = audit.row(Gateway.requestId(scraped));
        assertThat(record.getString("operation")).isEqualTo("metrics");
        assertThat(record.getString("key_id")).isEqualTo(scraper.id());

        // a key made only to scrape cannot spend
        HttpResponse<String> chat = chat(scraper.secret(), "openai/gpt-metrics-" + run, false);
        assertThat(chat.statusCode()).isEqualTo(403);
        assertThat(Gateway.json(chat).getJsonObject("error").getString("message")).isEqualTo("The API key '"
                + scraper.id() + "' may only read metrics; it cannot call models.");
    }

    @Test
    void genAiAndGatewayMetricsCountExactlyWhatWasSent() throws Exception {
        String tenant = "metrics-" + run;
        String providerModel = "gpt-metrics-" + run;
        String model = "openai/" + providerModel;
        Keys.Issued user = Keys.issue(gateway, "metrics-" + run, tenant, List.of(), List.of());
        Keys.Issued narrow = Keys.issue(gateway, "metrics-narrow-" + run, tenant, List.of(), List.of(model));
        String route = "metrics-route-" + run;
        HttpResponse<String> defined = gateway.method("PUT", "/admin/routes/" + route, Gateway.ADMIN_KEY,
                "{\"targets\":[{\"model\":\"openai/fault-500\"},{\"model\":\"" + model + "\"}]}");
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        HttpResponse<String> budget = gateway.method("PUT", "/admin/tenants/" + tenant + "/budget", Gateway.ADMIN_KEY,
                "{\"tokens\":1000000,\"period\":\"month\"}");
        assertThat(budget.statusCode()).as(budget.body()).isEqualTo(200);
        PrometheusSamples before = scrape();
        Map<String, String> budgetLeft = Map.of("scope", "tenant", "scope_id", tenant, "unit", "tokens");
        assertThat(before.value("aigw_budget_remaining", budgetLeft)).isEqualTo(1_000_000);

        int input = 0;
        int output = 0;
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = chat(user.secret(), model, false);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonObject usage = Gateway.json(r).getJsonObject("usage");
            input += usage.getInt("prompt_tokens");
            output += usage.getInt("completion_tokens");
        }
        HttpResponse<String> streamed = chat(user.secret(), model, true);
        assertThat(streamed.statusCode()).isEqualTo(200);
        JsonObject streamUsage = streamUsage(streamed.body());
        input += streamUsage.getInt("prompt_tokens");
        output += streamUsage.getInt("completion_tokens");
        HttpResponse<String> refused = chat(narrow.secret(), "openai/gpt-other-" + run, false);
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> routed = chat(user.secret(), route, false);
        assertThat(routed.statusCode()).as(routed.body()).isEqualTo(200);
        JsonObject routedUsage = Gateway.json(routed).getJsonObject("usage");
        input += routedUsage.getInt("prompt_tokens");
        output += routedUsage.getInt("completion_tokens");

        PrometheusSamples after = scrape();
        Map<String, String> mine = Map.of("aigw_tenant", tenant, "aigw_key_id", user.id());
        Map<String, String> direct = with(mine, "operation", "chat", "connection", "openai", "status", "200");
        assertThat(after.value("aigw_requests_total", direct)).isEqualTo(3);
        assertThat(after.value("aigw_requests_total", with(direct, "route", route))).isEqualTo(1);
        assertThat(after.value("aigw_requests_total", Map.of("operation", "chat", "status", "403",
                "aigw_tenant", tenant, "aigw_key_id", narrow.id()))).isEqualTo(1);
        assertThat(delta(before, after, "aigw_request_errors_total",
                Map.of("operation", "chat", "reason", "model-not-allowed"))).isEqualTo(1);
        assertThat(after.value("aigw_route_fallbacks_total", Map.of("route", route))).isEqualTo(1);
        assertThat(delta(before, after, "aigw_upstream_attempts_total",
                Map.of("connection", "openai", "outcome", "server_error"))).isEqualTo(1);
        assertThat(delta(before, after, "aigw_upstream_attempts_total",
                Map.of("connection", "openai", "outcome", "ok"))).isEqualTo(4);

        // token usage: one histogram per token type, every answer counted, sums exact
        Map<String, String> tokens = with(mine, "gen_ai_operation_name", "chat", "gen_ai_provider_name", "openai",
                "gen_ai_request_model", providerModel, "aigw_connection", "openai");
        assertThat(after.sum("gen_ai_client_token_usage_count", with(tokens, "gen_ai_token_type", "input")))
                .isEqualTo(4);
        assertThat(after.sum("gen_ai_client_token_usage_sum", with(tokens, "gen_ai_token_type", "input")))
                .isEqualTo(input);
        assertThat(after.sum("gen_ai_client_token_usage_sum", with(tokens, "gen_ai_token_type", "output")))
                .isEqualTo(output);
        assertThat(after.sum("gen_ai_client_token_usage_bucket", with(tokens, "gen_ai_token_type", "input", "le",
                "+Inf"))).isEqualTo(4);

        // upstream calls: four to the model; one failed call to the route's first target, a model no upstream has
        // answered for, so counted without its name
        Map<String, String> calls = Map.of("gen_ai_operation_name", "chat", "gen_ai_provider_name", "openai",
                "gen_ai_request_model", providerModel, "aigw_connection", "openai");
        assertThat(after.sum("gen_ai_client_operation_duration_seconds_count", calls)).isEqualTo(4);
        assertThat(delta(before, after, "gen_ai_client_operation_duration_seconds_count",
                Map.of("aigw_connection", "openai", "error_type", "provider-failed"))).isEqualTo(1);
        assertThat(after.find("gen_ai_client_operation_duration_seconds_count",
                Map.of("gen_ai_request_model", "fault-500"))).isEmpty();

        // the gateway as a server: every request, the stream's time to first token
        Map<String, String> served = with(mine, "gen_ai_operation_name", "chat", "gen_ai_request_model", model,
                "gen_ai_response_model", model);
        assertThat(after.value("gen_ai_server_request_duration_seconds_count", served)).isEqualTo(3);
        assertThat(after.value("gen_ai_server_request_duration_seconds_count", with(mine, "gen_ai_operation_name",
                "chat", "gen_ai_request_model", route, "gen_ai_response_model", model))).isEqualTo(1);
        assertThat(after.value("gen_ai_server_time_to_first_token_seconds_count", Map.of("gen_ai_operation_name",
                "chat", "gen_ai_request_model", model, "gen_ai_response_model", model))).isEqualTo(1);
        double ttft = after.value("gen_ai_server_time_to_first_token_seconds_sum", Map.of("gen_ai_operation_name",
                "chat", "gen_ai_request_model", model, "gen_ai_response_model", model));
        double total = after.value("gen_ai_server_request_duration_seconds_sum", served);
        assertThat(ttft).isPositive().isLessThan(total);

        // the tenant's token budget, charged what the answers used (input and output), read across servers
        assertThat(after.value("aigw_budget_remaining", budgetLeft)).isEqualTo(1_000_000 - input - output);

        // no request holds a pooled connection once answered
        assertThat(after.value("aigw_pool_connections", Map.of("connection", "openai", "state", "in_use")))
                .isEqualTo(0);
        assertThat(after.value("aigw_pool_pending", Map.of("connection", "openai"))).isEqualTo(0);
        assertThat(after.value("aigw_audit_commit_duration_seconds_count", Map.of()))
                .isGreaterThan(before.value("aigw_audit_commit_duration_seconds_count", Map.of()));
    }

    @Test
    void modelNamesAClientInventsDoNotBecomeSeries() throws Exception {
        Keys.Issued user = Keys.issue(gateway, "metrics-unknown-" + run, List.of(), List.of());
        HttpResponse<String> unknown = chat(user.secret(), "nowhere-" + run + "/x", false);
        assertThat(unknown.statusCode()).isEqualTo(404);
        String text = scrape(Gateway.ADMIN_KEY);
        assertThat(text).doesNotContain("nowhere-" + run);
        PrometheusSamples samples = new PrometheusSamples(text);
        // passed on to the default connection, refused there: counted, not named
        assertThat(samples.value("aigw_requests_total", Map.of("operation", "chat", "connection", "openai",
                "status", "404", "aigw_tenant", "default", "aigw_key_id", user.id()))).isEqualTo(1);
        assertThat(samples.value("gen_ai_server_request_duration_seconds_count", Map.of("gen_ai_operation_name",
                "chat", "error_type", "unknown-model", "aigw_tenant", "default", "aigw_key_id", user.id())))
                .isEqualTo(1);
    }

    private HttpResponse<String> chat(String key, String model, boolean stream) {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
        return gateway.post("/v1/chat/completions", key, body);
    }

    private static JsonObject streamUsage(String sse) {
        return sse.lines().filter(l -> l.startsWith("data: {")).map(l -> Gateway.json(l.substring(6)))
                .filter(j -> j.containsKey("usage") && !j.isNull("usage")).map(j -> j.getJsonObject("usage"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no usage chunk in " + sse));
    }

    private PrometheusSamples scrape() {
        return new PrometheusSamples(scrape(Gateway.ADMIN_KEY));
    }

    private String scrape(String key) {
        HttpResponse<String> r = gateway.get("/metrics", key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static double delta(PrometheusSamples before, PrometheusSamples after, String name,
                                Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> out = new java.util.TreeMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /** Runs {@code promtool check metrics} on the text: its exit code and everything it printed. */
    private static String promtool(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return "exit " + p.exitValue() + ": " + out.lines().collect(Collectors.joining("\n"));
    }
}
