package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.aigw.it.fake.FakeUpstreams;
import io.aigw.it.fake.StreamGate;
import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tenants, rate limits, budgets and prices through the real server: the admin API, refusals before any provider call
 * in each client's format with its rate-limit headers, settlement to real usage, shadow mode, cost in the audit
 * record, and what the official OpenAI SDK makes of the refusals.
 */
class QuotasIT extends GatewayIT {

    /** The fake answers "Hello from gpt-quota." to "hi": 1 prompt token, 3 completion tokens. */
    private static final String MODEL = "openai/gpt-quota";

    @Test
    void tenantsAreManagedAndEveryKeyNamesAnExistingOne() {
        String id = "tenant-" + UUID.randomUUID();
        HttpResponse<String> created = gateway.post("/admin/tenants", Gateway.ADMIN_KEY,
                "{\"id\":\"" + id + "\",\"name\":\"ACME\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Gateway.json(created).getString("name")).isEqualTo("ACME");
        HttpResponse<String> again = gateway.post("/admin/tenants", Gateway.ADMIN_KEY, "{\"id\":\"" + id + "\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Gateway.json(again).getString("detail")).isEqualTo("The tenant '" + id + "' exists already.");
        assertThat(gateway.post("/admin/tenants", Gateway.ADMIN_KEY, "{\"id\":\"bad/id\"}").statusCode())
                .isEqualTo(400);
        assertThat(gateway.post("/admin/tenants", Gateway.ADMIN_KEY, "{\"id\":\"x\",\"plan\":\"gold\"}").statusCode())
                .isEqualTo(400);

        HttpResponse<String> renamed = gateway.method("PATCH", "/admin/tenants/" + id, Gateway.ADMIN_KEY,
                "{\"name\":\"ACME Corp\"}");
        assertThat(Gateway.json(renamed).getString("name")).isEqualTo("ACME Corp");
        JsonArray all = Gateway.json(gateway.get("/admin/tenants", Gateway.ADMIN_KEY)).getJsonArray("data");
        assertThat(all.getValuesAs(JsonObject.class).stream().map(t -> t.getString("id")))
                .contains(id, "default");

        HttpResponse<String> orphan = gateway.post("/admin/keys", Gateway.ADMIN_KEY,
                "{\"name\":\"k\",\"tenant\":\"no-such-" + id + "\"}");
        assertThat(orphan.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(orphan).getString("param")).isEqualTo("tenant");

        Keys.Issued key = Keys.issue(gateway, "k", id, List.of(), List.of());
        HttpResponse<String> busy = gateway.delete("/admin/tenants/" + id, Gateway.ADMIN_KEY);
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(Gateway.json(busy).getString("detail")).isEqualTo("The tenant '" + id + "' still has 1 active API "
                + "key(s); revoke them first.");
        assertThat(gateway.delete("/admin/keys/" + key.id(), Gateway.ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(gateway.delete("/admin/tenants/" + id, Gateway.ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/admin/tenants/" + id, Gateway.ADMIN_KEY).statusCode()).isEqualTo(404);
        JsonObject audited = audit.row(Gateway.requestId(renamed)).getJsonArray("changes").getJsonObject(0);
        assertThat(audited.getString("entity")).isEqualTo("tenant");
        assertThat(audited.getJsonObject("after").getString("name")).isEqualTo("ACME Corp");
    }

    @Test
    void keysAreChangedRotatedWithAGracePeriodAndExpire() {
        Keys.Issued key = Keys.issue(gateway, "rotating", "default", List.of(), List.of());
        HttpResponse<String> patched = gateway.method("PATCH", "/admin/keys/" + key.id(), Gateway.ADMIN_KEY,
                "{\"name\":\"renamed\",\"allowed_models\":[\"openai/gpt-*\"]}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(Gateway.json(patched).getString("name")).isEqualTo("renamed");
        assertThat(chat(key, "anthropic/claude-3-5-haiku-latest").statusCode()).isEqualTo(403);
        assertThat(gateway.method("PATCH", "/admin/keys/" + key.id(), Gateway.ADMIN_KEY, "{\"tenant\":\"x\"}")
                .statusCode()).as("a key does not change tenant").isEqualTo(400);

        HttpResponse<String> rotated = gateway.post("/admin/keys/" + key.id() + "/rotate", Gateway.ADMIN_KEY,
                "{\"grace_period\":\"PT1H\"}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String second = Gateway.json(rotated).getString("key");
        assertThat(Gateway.json(rotated).getString("previous_secret_valid_until")).isNotEmpty();
        assertThat(chat(new Keys.Issued(key.id(), second), MODEL).statusCode()).isEqualTo(200);
        assertThat(chat(key, MODEL).statusCode()).as("the old secret within its grace period").isEqualTo(200);

        HttpResponse<String> again = gateway.post("/admin/keys/" + key.id() + "/rotate", Gateway.ADMIN_KEY,
                "{\"grace_period\":\"PT0S\"}");
        String third = Gateway.json(again).getString("key");
        assertThat(chat(new Keys.Issued(key.id(), third), MODEL).statusCode()).isEqualTo(200);
        assertThat(chat(new Keys.Issued(key.id(), second), MODEL).statusCode()).isEqualTo(401);
        assertThat(chat(key, MODEL).statusCode()).isEqualTo(401);
        JsonObject change = audit.row(Gateway.requestId(again)).getJsonArray("changes").getJsonObject(0);
        assertThat(change.getString("action")).isEqualTo("rotate");
        assertThat(change.toString()).doesNotContain(third).doesNotContain(second);

        String soon = Instant.now().plusSeconds(2).toString();
        HttpResponse<String> expiring = gateway.method("PATCH", "/admin/keys/" + key.id(), Gateway.ADMIN_KEY,
                "{\"expires_at\":\"" + soon + "\"}");
        assertThat(Gateway.json(expiring).getString("expires_at")).isNotEmpty();
        Keys.Issued current = new Keys.Issued(key.id(), third);
        assertThat(chat(current, MODEL).statusCode()).isEqualTo(200);
        int status = io.aigw.it.support.Poll.last(Duration.ofSeconds(10), () -> chat(current, MODEL).statusCode(),
                s -> s == 401);
        assertThat(status).as("after its expiry").isEqualTo(401);
        assertThat(gateway.method("PATCH", "/admin/keys/" + key.id(), Gateway.ADMIN_KEY,
                "{\"expires_at\":\"2001-01-01T00:00:00Z\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void aRequestLimitRefusesBeforeTheProviderWithOpenAisHeadersAndRetryAfter() {
        Keys.Issued key = limitedKey("{\"requests_per_minute\":3}");
        for (int i = 2; i >= 0; i--) {
            HttpResponse<String> ok = chat(key, MODEL);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).contains("3");
            assertThat(ok.headers().firstValue("x-ratelimit-remaining-requests")).contains(Integer.toString(i));
            assertThat(ok.headers().firstValue("x-ratelimit-reset-requests").orElseThrow()).matches("\\d+(\\.\\d+)?s");
        }
        HttpResponse<String> refused = chat(key, MODEL);
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonObject error = Gateway.json(refused).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("rate_limit_exceeded");
        assertThat(error.getString("type")).isEqualTo("rate_limit_error");
        assertThat(error.getString("message")).isEqualTo("Rate limit reached for API key '" + key.id() + "': 3 "
                + "requests per minute. Retry after 20 s.");
        assertThat(refused.headers().firstValue("retry-after")).contains("20");
        assertThat(refused.headers().firstValue("x-should-retry")).contains("true");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");

        JsonObject row = audit.row(Gateway.requestId(refused));
        assertThat(row.getInt("status")).isEqualTo(429);
        assertThat(row.isNull("connection")).as("refused before any provider was chosen").isTrue();
        JsonObject decision = row.getJsonObject("details").getJsonArray("limits").getJsonObject(0);
        assertThat(decision.getString("decision")).isEqualTo("refused");
        assertThat(decision.getString("scope")).isEqualTo("key:" + key.id());

        JsonObject limits = Gateway.json(gateway.get("/admin/keys/" + key.id() + "/limits", Gateway.ADMIN_KEY));
        assertThat(limits.getJsonObject("current").getJsonObject("requests_per_minute").getInt("remaining"))
                .isZero();
    }

    @Test
    void oneHundredConcurrentClientsFarAboveTheLimitAreAdmittedNoMoreThanTheBucketHolds() throws Exception {
        Keys.Issued key = limitedKey("{\"requests_per_minute\":30}");
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(100);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(4).toNanos();
        try {
            List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
            for (int c = 0; c < 100; c++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        int status = chat(key, MODEL).statusCode();
                        if (status == 200) {
                            admitted.incrementAndGet();
                        } else {
                            assertThat(status).isEqualTo(429);
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // the burst of 30 plus one every 2 s of refill while the clients ran; they asked for at least ten times more
        assertThat(admitted.get()).isGreaterThanOrEqualTo(30);
        assertThat((double) admitted.get()).isLessThanOrEqualTo((30 + seconds / 2) * 1.01);
        assertThat(admitted.get() + refused.get()).isGreaterThan(10 * (int) (30 + seconds / 2));
    }

    @Test
    void anthropicClientsGetAnthropicsHeadersAndErrorEnvelope() {
        Keys.Issued key = limitedKey("{\"requests_per_minute\":1}");
        String body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}";
        HttpResponse<String> ok = messages(key, body);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue("anthropic-ratelimit-requests-limit")).contains("1");
        assertThat(ok.headers().firstValue("anthropic-ratelimit-requests-remaining")).contains("0");
        Instant reset = Instant.parse(ok.headers().firstValue("anthropic-ratelimit-requests-reset").orElseThrow());
        assertThat(reset).isBetween(Instant.now().plusSeconds(55), Instant.now().plusSeconds(61));
        assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).isEmpty();

        HttpResponse<String> refused = messages(key, body);
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonObject json = Gateway.json(refused);
        assertThat(json.getString("type")).isEqualTo("error");
        assertThat(json.getJsonObject("error").getString("type")).isEqualTo("rate_limit_error");
        assertThat(refused.headers().firstValue("retry-after")).contains("60");
    }

    @Test
    void tokenLimitsReserveMaxTokensAndSettleToTheRealUsage() {
        Keys.Issued key = limitedKey("{\"tokens_per_minute\":30}");
        // each request reserves 2 (estimate of "hi") + 20 (max_tokens) and really uses 1 + 3
        String body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}";
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = gateway.post("/v1/chat/completions", key.secret(), body);
            assertThat(ok.statusCode()).as("request " + i + ": " + ok.body()).isEqualTo(200);
            JsonObject tokens = audit.row(Gateway.requestId(ok)).getJsonObject("details").getJsonObject("limit_tokens");
            assertThat(tokens.getInt("reserved")).isEqualTo(22);
            assertThat(tokens.getInt("charged")).isEqualTo(4);
        }
        HttpResponse<String> refused = gateway.post("/v1/chat/completions", key.secret(), body);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Gateway.json(refused).getJsonObject("error").getString("message")).startsWith("Rate limit reached "
                + "for API key '" + key.id() + "': 30 tokens per minute (this request reserves 22).");
        JsonObject decision = audit.row(Gateway.requestId(refused)).getJsonObject("details").getJsonArray("limits")
                .getJsonObject(0);
        assertThat(decision.getString("limit")).isEqualTo("tokens_per_minute");
        assertThat(decision.getString("decision")).isEqualTo("refused");
    }

    @Test
    void aConcurrencyLimitRefusesWhileTheFirstRequestIsInFlight() throws Exception {
        Keys.Issued key = limitedKey("{\"concurrent_requests\":1}");
        String gateId = "gate-" + UUID.randomUUID();
        StreamGate gate = FakeUpstreams.openai().gate(gateId);
        HttpResponse<InputStream> held = gateway.streamBytes("/v1/chat/completions", key.secret(),
                "{\"model\":\"openai/fake-gated-stream\",\"stream\":true,\"user\":\"" + gateId + "\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        try (InputStream body = held.body()) {
            assertThat(gate.awaitReached(Duration.ofSeconds(10))).isTrue();
            HttpResponse<String> refused = chat(key, MODEL);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(Gateway.json(refused).getJsonObject("error").getString("code"))
                    .isEqualTo("concurrency_limit_exceeded");
            assertThat(refused.headers().firstValue("retry-after")).contains("1");
            gate.release();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).endsWith("data: [DONE]\n\n");
        }
        assertThat(chat(key, MODEL).statusCode()).isEqualTo(200);
    }

    @Test
    void shadowLimitsRecordWhatTheyWouldHaveRefusedAndRefuseNothing() {
        Keys.Issued key = limitedKey("{\"requests_per_minute\":1,\"mode\":\"shadow\"}");
        assertThat(chat(key, MODEL).statusCode()).isEqualTo(200);
        HttpResponse<String> second = chat(key, MODEL);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("x-ratelimit-limit-requests")).isEmpty();
        JsonObject decision = audit.row(Gateway.requestId(second)).getJsonObject("details").getJsonArray("limits")
                .getJsonObject(0);
        assertThat(decision.getString("decision")).isEqualTo("would_refuse");
        assertThat(decision.getString("mode")).isEqualTo("shadow");
    }

    @Test
    void aMoneyBudgetReservesTheWorstCaseSoSpendNeverPassesIt() {
        String model = "openai/gpt-budget-" + UUID.randomUUID();
        price(model, "1000", "2000", null);
        String tenant = "budget-" + UUID.randomUUID();
        Keys.Issued key = Keys.issue(gateway, "budgeted", tenant, List.of(), List.of());
        HttpResponse<String> set = gateway.method("PUT", "/admin/tenants/" + tenant + "/budget", Gateway.ADMIN_KEY,
                "{\"amount\":\"0.02\",\"currency\":\"USD\",\"period\":\"day\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        // worst case: 2 input tokens x 1,000 + 5 output tokens x 2,000 per million = 0.012; real: 0.001 + 0.006
        String body = "{\"model\":\"" + model + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}";
        HttpResponse<String> first = gateway.post("/v1/chat/completions", key.secret(), body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(gateway.post("/v1/chat/completions", key.secret(), body).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = gateway.post("/v1/chat/completions", key.secret(), body);
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonObject error = Gateway.json(refused).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("insufficient_quota");
        assertThat(error.getString("type")).isEqualTo("insufficient_quota");
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1) + "T00:00:00Z";
        assertThat(error.getString("message")).isEqualTo("You exceeded your current quota: the budget of tenant '"
                + tenant + "' (0.02 USD per day, UTC) does not cover this request; it resets at " + tomorrow + ".");
        assertThat(refused.headers().firstValue("x-should-retry")).contains("false");

        JsonObject details = audit.row(Gateway.requestId(first)).getJsonObject("details");
        JsonObject cost = details.getJsonObject("cost");
        assertThat(cost.getString("amount")).isEqualTo("0.007");
        assertThat(cost.getString("currency")).isEqualTo("USD");
        assertThat(cost.getInt("price_version")).isEqualTo(1);
        JsonObject charged = details.getJsonArray("budgets").getJsonObject(0);
        assertThat(charged.getString("scope")).isEqualTo("tenant:" + tenant);
        assertThat(charged.getString("reserved")).isEqualTo("0.012");
        assertThat(charged.getString("charged")).isEqualTo("0.007");

        JsonObject status = Gateway.json(gateway.get("/admin/tenants/" + tenant + "/budget", Gateway.ADMIN_KEY));
        assertThat(status.getString("spent")).isEqualTo("0.014");
        assertThat(status.getString("reserved")).isEqualTo("0");
        assertThat(status.getString("remaining")).isEqualTo("0.006");
        assertThat(status.getString("resets_at")).isEqualTo(tomorrow);
    }

    @Test
    void theUsageReportAddsUpCostPerCurrencyAndUnpricedRequestsEqualToTheRecords() {
        String model = "openai/gpt-usage-" + UUID.randomUUID();
        price(model, "1000", "2000", null);
        String tenant = "usage-" + UUID.randomUUID();
        Keys.Issued key = Keys.issue(gateway, "usage", tenant, List.of(), List.of());
        for (int i = 0; i < 3; i++) {
            assertThat(chat(key, model).statusCode()).isEqualTo(200);
        }
        assertThat(chat(key, "openai/gpt-usage-unpriced").statusCode()).isEqualTo(200);
        JsonObject report = Gateway.json(gateway.get("/admin/usage?tenant=" + tenant + "&group_by=model",
                Gateway.ADMIN_KEY));
        List<JsonObject> rows = report.getJsonArray("data").getValuesAs(JsonObject.class);
        JsonObject priced = rows.stream().filter(r -> r.getString("model").equals(model)).findFirst().orElseThrow();
        assertThat(priced.getInt("requests")).isEqualTo(3);
        assertThat(priced.getJsonObject("cost").getString("USD")).isEqualTo("0.021");
        assertThat(priced.getInt("unpriced_requests")).isZero();
        JsonObject unpriced = rows.stream().filter(r -> r.getString("model").equals("openai/gpt-usage-unpriced"))
                .findFirst().orElseThrow();
        assertThat(unpriced.getInt("unpriced_requests")).isEqualTo(1);
        assertThat(unpriced.getJsonObject("cost")).isEmpty();

        List<JsonObject> records = Gateway.json(gateway.get("/compliance/audit?tenant=" + tenant, Gateway.ADMIN_KEY))
                .getJsonArray("data").getValuesAs(JsonObject.class);
        assertThat(records).hasSize(4);
        java.math.BigDecimal recorded = records.stream().map(r -> r.getJsonObject("details").getJsonObject("cost"))
                .filter(c -> c.containsKey("amount")).map(c -> new java.math.BigDecimal(c.getString("amount")))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(recorded).isEqualByComparingTo("0.021");
        long input = records.stream().mapToLong(r -> r.getInt("input_tokens")).sum();
        assertThat(input).isEqualTo(priced.getInt("input_tokens") + unpriced.getInt("input_tokens"));
        assertThat(gateway.get("/admin/usage?tenant=" + tenant, Keys.user(gateway, "not-admin").secret())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aStreamCutMidwayIsChargedWhatItRelayed() {
        String model = "openai/fault-reset-midstream";
        price(model, "1000", "2000", null);
        String tenant = "cut-" + UUID.randomUUID();
        Keys.Issued key = Keys.issue(gateway, "cut", tenant, List.of(), List.of());
        gateway.method("PUT", "/admin/tenants/" + tenant + "/budget", Gateway.ADMIN_KEY,
                "{\"amount\":\"1\",\"currency\":\"USD\",\"period\":\"month\"}");
        HttpResponse<String> cut = gateway.post("/v1/chat/completions", key.secret(), "{\"model\":\"" + model
                + "\",\"stream\":true,\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).doesNotContain("[DONE]");
        JsonObject row = audit.row(Gateway.requestId(cut));
        assertThat(row.getInt("status")).isEqualTo(502);
        // two pieces reached the client ("Hello from "): 3 output tokens and 1 input token, estimated
        assertThat(row.getBoolean("usage_estimated")).isTrue();
        assertThat(row.getInt("input_tokens")).isEqualTo(1);
        assertThat(row.getInt("output_tokens")).isEqualTo(3);
        JsonObject details = row.getJsonObject("details");
        assertThat(details.getJsonObject("cost").getString("amount")).isEqualTo("0.007");
        assertThat(details.getJsonArray("budgets").getJsonObject(0).getString("charged")).isEqualTo("0.007");
        JsonObject budget = Gateway.json(gateway.get("/admin/tenants/" + tenant + "/budget", Gateway.ADMIN_KEY));
        assertThat(budget.getString("spent")).isEqualTo("0.007");
        assertThat(budget.getString("reserved")).isEqualTo("0");
    }

    @Test
    void aModelWithoutAPriceIsRefusedToACallerWithAMoneyBudget() {
        String tenant = "unpriced-" + UUID.randomUUID();
        Keys.Issued key = Keys.issue(gateway, "budgeted", tenant, List.of(), List.of());
        gateway.method("PUT", "/admin/keys/" + key.id() + "/budget", Gateway.ADMIN_KEY,
                "{\"amount\":\"5\",\"currency\":\"EUR\",\"period\":\"month\",\"time_zone\":\"Europe/Berlin\"}");
        HttpResponse<String> refused = chat(key, "openai/gpt-never-priced");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonObject error = Gateway.json(refused).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("model_unpriced");
        assertThat(error.getString("param")).isEqualTo("model");
        assertThat(error.getString("message")).isEqualTo("The model 'openai/gpt-never-priced' has no price in EUR, and "
                + "the API key '" + key.id() + "' has a budget in EUR: ask an administrator to set its price.");
        // without a budget the use is served and recorded as unpriced, never as a silent zero
        Keys.Issued free = Keys.issue(gateway, "free", tenant + "-free", List.of(), List.of());
        HttpResponse<String> served = chat(free, "openai/gpt-never-priced");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(audit.row(Gateway.requestId(served)).getJsonObject("details").getJsonObject("cost")
                .getBoolean("unpriced")).isTrue();
    }

    @Test
    void requestsAreChargedAtThePriceVersionInForceWhenTheyArrive() {
        String model = "openai/gpt-versioned-" + UUID.randomUUID();
        price(model, "1000", "1000", null);
        price(model, "5000", "5000", Instant.now().plus(Duration.ofDays(1)).toString());
        Keys.Issued key = Keys.issue(gateway, "priced", "default", List.of(), List.of());
        JsonObject cost = audit.row(Gateway.requestId(chat(key, model))).getJsonObject("details")
                .getJsonObject("cost");
        assertThat(cost.getInt("price_version")).isEqualTo(1);
        assertThat(cost.getString("amount")).isEqualTo("0.004");

        price(model, "2000", "2000", null);
        cost = audit.row(Gateway.requestId(chat(key, model))).getJsonObject("details").getJsonObject("cost");
        assertThat(cost.getInt("price_version")).isEqualTo(3);
        assertThat(cost.getString("amount")).isEqualTo("0.008");

        List<JsonObject> current = Gateway.json(gateway.get("/admin/prices", Gateway.ADMIN_KEY)).getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().filter(p -> p.getString("model").equals(model)).toList();
        assertThat(current).singleElement().satisfies(p -> assertThat(p.getInt("version")).isEqualTo(3));
        long versions = Gateway.json(gateway.get("/admin/prices?history=true", Gateway.ADMIN_KEY)).getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().filter(p -> p.getString("model").equals(model)).count();
        assertThat(versions).isEqualTo(3);
        HttpResponse<String> floating = gateway.method("PUT", "/admin/prices", Gateway.ADMIN_KEY,
                "{\"model\":\"" + model + "\",\"input_per_million\":0.5,\"output_per_million\":\"1\"}");
        assertThat(floating.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(floating).getString("param")).isEqualTo("input_per_million");
    }

    @Test
    void theOfficialSdkSeesRateLimitErrorWithRetryAfterAndDoesNotRetryAnExhaustedBudget() {
        Keys.Issued limited = limitedKey("{\"requests_per_minute\":1}");
        OpenAIClient noRetries = sdk(limited.secret(), 0);
        noRetries.chat().completions().create(sdkChat(MODEL));
        assertThatThrownBy(() -> noRetries.chat().completions().create(sdkChat(MODEL)))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("60");
                });

        String model = "openai/gpt-sdk-budget-" + UUID.randomUUID();
        price(model, "1000000", "1000000", null);
        String tenant = "sdk-" + UUID.randomUUID();
        Keys.Issued budgeted = Keys.issue(gateway, "sdk", tenant, List.of(), List.of());
        gateway.method("PUT", "/admin/tenants/" + tenant + "/budget", Gateway.ADMIN_KEY,
                "{\"amount\":\"0.5\",\"currency\":\"USD\",\"period\":\"total\"}");
        OpenAIClient retrying = sdk(budgeted.secret(), 3);
        assertThatThrownBy(() -> retrying.chat().completions().create(sdkChat(model)))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        HttpResponse<String> records = gateway.get("/compliance/audit?key_id=" + budgeted.id(), Gateway.ADMIN_KEY);
        assertThat(Gateway.json(records).getJsonArray("data")).as("the SDK did not retry").hasSize(1);
    }

    private OpenAIClient sdk(String key, int retries) {
        return OpenAIOkHttpClient.builder().baseUrl("http://" + url.getHost() + ":" + url.getPort() + "/v1")
                .apiKey(key).maxRetries(retries).timeout(Duration.ofSeconds(30)).build();
    }

    private static ChatCompletionCreateParams sdkChat(String model) {
        return ChatCompletionCreateParams.builder().model(model).maxCompletionTokens(10).addUserMessage("hi").build();
    }

    private Keys.Issued limitedKey(String limits) {
        Keys.Issued key = Keys.issue(gateway, "limited", "limits-" + UUID.randomUUID(), List.of(), List.of());
        HttpResponse<String> r = gateway.method("PUT", "/admin/keys/" + key.id() + "/limits", Gateway.ADMIN_KEY,
                limits);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return key;
    }

    private void price(String model, String input, String output, String effectiveFrom) {
        String from = effectiveFrom == null ? "" : ",\"effective_from\":\"" + effectiveFrom + "\"";
        HttpResponse<String> r = gateway.method("PUT", "/admin/prices", Gateway.ADMIN_KEY, "{\"model\":\"" + model
                + "\",\"currency\":\"USD\",\"input_per_million\":\"" + input + "\",\"output_per_million\":\"" + output
                + "\"" + from + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private HttpResponse<String> chat(Keys.Issued key, String model) {
        return gateway.post("/v1/chat/completions", key.secret(), "{\"model\":\"" + model + "\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private HttpResponse<String> messages(Keys.Issued key, String body) {
        return gateway.send(gateway.request("/v1/messages").header("x-api-key", key.secret())
                .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
