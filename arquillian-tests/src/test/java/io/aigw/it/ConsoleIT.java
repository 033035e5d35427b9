package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The admin console: the API it reads beyond the admin and compliance resources ({@code /admin/connections},
 * {@code /admin/limits}, {@code /admin/budgets}, {@code /compliance/me}), then the console itself in a headless
 * Chromium ({@code src/test/js/console.test.mjs}, puppeteer-core with the Chromium of {@code @sparticuz/chromium},
 * installed by the build from the lock file) against known data made here: a tenant whose user key sent chats, one
 * of which failed, and a compliance key of that tenant.
 */
class ConsoleIT extends GatewayIT {

    private static final int SUCCEEDED = 5;

    @Test
    void connectionsShowPoolsAndAvailabilityToAdminsOnly() {
        HttpResponse<String> r = gateway.get("/admin/connections", Gateway.ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonObject> data = Gateway.json(r).getJsonArray("data").getValuesAs(JsonObject.class);
        JsonObject openai = data.stream().filter(c -> c.getString("name").equals("openai")).findFirst().orElseThrow();
        assertThat(openai.getBoolean("available")).isTrue();
        assertThat(openai.getString("protocol")).isEqualTo("openai");
        assertThat(openai.getString("provider")).isEqualTo("openai");
        assertThat(openai.isNull("reason")).isTrue();
        JsonObject pool = openai.getJsonObject("pool");
        assertThat(pool.getInt("open")).isEqualTo(pool.getInt("in_use") + pool.getInt("idle"));
        assertThat(pool.getInt("pending")).isZero();
        assertThat(r.body()).doesNotContain("sk-").doesNotContain("password");
        Keys.Issued user = Keys.user(gateway, "console-user-" + UUID.randomUUID());
        HttpResponse<String> refused = gateway.get("/admin/connections", user.secret());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Gateway.json(refused).getString("detail")).contains("'admin' role");
    }

    @Test
    void everyLimitAndBudgetIsListedWithItsStanding() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "quotas-" + tag;
        Keys.tenant(gateway, tenant);
        Keys.Issued key = Keys.issue(gateway, "quotas-key-" + tag, tenant, List.of(), List.of());
        put("/admin/tenants/" + tenant + "/limits", "{\"requests_per_minute\":11}");
        put("/admin/keys/" + key.id() + "/limits", "{\"tokens_per_minute\":500,\"mode\":\"shadow\"}");
        put("/admin/keys/" + key.id() + "/budget", "{\"amount\":\"3.50\",\"currency\":\"EUR\",\"period\":\"day\"}");

        Map<String, JsonObject> limits = byScope(gateway.get("/admin/limits", Gateway.ADMIN_KEY));
        assertThat(limits.get("tenant:" + tenant).getInt("requests_per_minute")).isEqualTo(11);
        assertThat(limits.get("tenant:" + tenant).getJsonObject("current").getJsonObject("requests_per_minute")
                .getInt("limit")).isEqualTo(11);
        assertThat(limits.get("key:" + key.id()).getInt("tokens_per_minute")).isEqualTo(500);
        assertThat(limits.get("key:" + key.id()).getString("mode")).isEqualTo("shadow");
        List<String> order = List.copyOf(limits.keySet());
        assertThat(order.indexOf("tenant:" + tenant)).isLessThan(order.indexOf("key:" + key.id()));

        Map<String, JsonObject> budgets = byScope(gateway.get("/admin/budgets", Gateway.ADMIN_KEY));
        JsonObject budget = budgets.get("key:" + key.id());
        assertThat(budget.getString("amount")).isEqualTo("3.50");
        assertThat(budget.getString("currency")).isEqualTo("EUR");
        assertThat(budget.getString("spent")).isEqualTo("0");
        assertThat(budget.getString("remaining")).isEqualTo("3.5");
        assertThat(budgets).doesNotContainKey("tenant:" + tenant);

        Map<String, JsonObject> one = byScope(gateway.get("/admin/limits?scope=key:" + key.id(), Gateway.ADMIN_KEY));
        assertThat(one).containsOnlyKeys("key:" + key.id());
        assertThat(byScope(gateway.get("/admin/budgets?scope=tenant:" + tenant, Gateway.ADMIN_KEY))).isEmpty();
        assertThat(gateway.get("/admin/limits?scope=key:key_none" + tag, Gateway.ADMIN_KEY).statusCode())
                .isEqualTo(404);
        HttpResponse<String> bad = gateway.get("/admin/limits?scope=team:" + tenant, Gateway.ADMIN_KEY);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(bad).getString("param")).isEqualTo("scope");

        assertThat(gateway.get("/admin/budgets", key.secret()).statusCode()).isEqualTo(403);
    }

    @Test
    void aKeyThatReadsTheAuditTrailSeesWhoItIs() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "me-" + tag;
        Keys.Issued officer = Keys.issue(gateway, "officer-" + tag, tenant, List.of("compliance"), List.of());
        HttpResponse<String> r = gateway.get("/compliance/me", officer.secret());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("cache-control")).contains("no-store");
        JsonObject me = Gateway.json(r);
        assertThat(me.getString("key_id")).isEqualTo(officer.id());
        assertThat(me.getString("name")).isEqualTo("officer-" + tag);
        assertThat(me.getString("tenant")).isEqualTo(tenant);
        assertThat(me.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("user", "compliance");
        assertThat(me.getString("audit_scope")).isEqualTo(tenant);
        assertThat(r.body()).doesNotContain(officer.secret());

        JsonObject admin = Gateway.json(gateway.get("/compliance/me", Gateway.ADMIN_KEY));
        assertThat(admin.isNull("audit_scope")).isTrue();
        Keys.Issued user = Keys.issue(gateway, "plain-" + tag, tenant, List.of(), List.of());
        HttpResponse<String> refused = gateway.get("/compliance/me", user.secret());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(gateway.get("/compliance/me", "aigw-no-such-key").statusCode()).isEqualTo(401);
    }

    @Test
    void theConsoleWorksInAHeadlessBrowser() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "console-" + tag;
        Keys.Issued user = Keys.issue(gateway, "console-user-" + tag, tenant, List.of(), List.of());
        Keys.Issued officer = Keys.issue(gateway, "console-officer-" + tag, tenant, List.of("compliance"), List.of());
        for (int i = 0; i < SUCCEEDED; i++) {
            HttpResponse<String> ok = chat(user, "openai/fake-console-" + tag);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
        HttpResponse<String> failed = chat(user, "openai/fault-500");
        assertThat(failed.statusCode()).as(failed.body()).isGreaterThanOrEqualTo(500);

        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "--test-timeout=300000",
                "--test-concurrency=1", "console.test.mjs")
                .directory(new File(System.getProperty("aigw.js.dir"))).redirectErrorStream(true);
        Map<String, String> env = node.environment();
        env.put("AIGW_URL", "http://" + url.getHost() + ":" + url.getPort());
        env.put("AIGW_ADMIN_KEY", Gateway.ADMIN_KEY);
        env.put("AIGW_TENANT", tenant);
        env.put("AIGW_COMPLIANCE_KEY", officer.secret());
        env.put("AIGW_USER_KEY", user.secret());
        env.put("AIGW_USER_KEY_ID", user.id());
        env.put("AIGW_REQUESTS", String.valueOf(SUCCEEDED + 1));
        env.put("AIGW_FAILED", "1");
        env.put("AIGW_TAG", tag);
        Process process = node.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(330, TimeUnit.SECONDS)).isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("ℹ fail 0").contains("ℹ pass 14").contains("CONSOLE TIMINGS");
    }

    private HttpResponse<String> chat(Keys.Issued key, String model) {
        return gateway.post("/v1/chat/completions", key.secret(), "{\"model\":\"" + model + "\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"what does the console show?\"}]}");
    }

    private void put(String path, String json) {
        HttpResponse<String> r = gateway.method("PUT", path, Gateway.ADMIN_KEY, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static Map<String, JsonObject> byScope(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, JsonObject> out = new java.util.LinkedHashMap<>();
        Gateway.json(r).getJsonArray("data").getValuesAs(JsonObject.class)
                .forEach(p -> out.put(p.getString("scope"), p));
        return out;
    }
}
