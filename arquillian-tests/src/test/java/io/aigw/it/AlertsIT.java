package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.fake.FakeUpstreams;
import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import io.aigw.it.support.Poll;
import io.aigw.it.support.StandardWebhooks;
import io.aigw.it.support.WebhookReceiver;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts through the real server, delivered to a receiver in this JVM (port 9596; the test server allows loopback
 * webhooks and retries after 1 s and 2 s): a budget threshold crossed by real spend, signed as Standard Webhooks
 * specify (checked here by the receiver's own HMAC code), retried with the same id after a 500, audited with its
 * attempts; the admin API's validation, its secret shown once, rotation, test events; an error-rate spike from a
 * failing upstream model. Signatures are checked by {@link StandardWebhooks}, written from the specification.
 */
class AlertsIT extends GatewayIT {

    private static final int RECEIVER_PORT = 9596;
    /** How far a webhook's timestamp may be from this JVM's clock (the receiver's replay window is wider). */
    private static final long TOLERANCE_SECONDS = 30;

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = new WebhookReceiver(RECEIVER_PORT);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aBudgetThresholdIsDeliveredSignedRetriedWithTheSameIdAndAudited() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "alerts-" + id;
        String path = "/budget-" + id;
        String model = "openai/gpt-alert-budget-" + id;
        price(model);
        Keys.Issued key = Keys.issue(gateway, "alerting", tenant, List.of(), List.of());
        HttpResponse<String> created = gateway.method("PUT", "/admin/alerts/budget-" + id, Gateway.ADMIN_KEY,
                "{\"kind\":\"budget\",\"scopes\":[\"tenant:" + tenant + "\"],\"fractions\":[0.5],\"webhook_url\":\""
                        + receiver.url(path) + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("cache-control")).contains("no-store");
        String secret = Gateway.json(created).getString("secret");
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        receiver.answer(path, 500);

        assertThat(gateway.method("PUT", "/admin/tenants/" + tenant + "/budget", Gateway.ADMIN_KEY,
                "{\"amount\":\"0.02\",\"currency\":\"USD\",\"period\":\"day\",\"alert_at\":[0.3,0.5]}").statusCode())
                .isEqualTo(200);
        // each request costs 0.007: 35 % of the budget after the first (0.3 reached), 70 % after the second (0.5)
        String body = "{\"model\":\"" + model + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}";
        assertThat(gateway.post("/v1/chat/completions", key.secret(), body).statusCode()).isEqualTo(200);
        HttpResponse<String> crossing = gateway.post("/v1/chat/completions", key.secret(), body);
        assertThat(crossing.statusCode()).isEqualTo(200);
        Instant crossedAt = Instant.now();

        List<WebhookReceiver.Received> got = receiver.await(path, 2, Duration.ofSeconds(20));
        WebhookReceiver.Received first = got.get(0);
        WebhookReceiver.Received retry = got.get(1);
        assertThat(first.header("webhook-id")).matches("msg_[0-9a-f]{32}").isEqualTo(retry.header("webhook-id"));
        assertThat(Duration.between(first.at(), retry.at())).as("the retry waits its second")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        for (WebhookReceiver.Received r : got) {
            assertThat(StandardWebhooks.verifies(secret, r)).as("signature of " + r.header("webhook-signature"))
                    .isTrue();
            assertThat(Long.parseLong(r.header("webhook-timestamp")))
                    .isBetween(Instant.now().getEpochSecond() - TOLERANCE_SECONDS,
                            Instant.now().getEpochSecond() + TOLERANCE_SECONDS);
            assertThat(r.header("content-type")).isEqualTo("application/json");
            assertThat(r.text()).isEqualTo(first.text());
        }
        JsonObject event = Gateway.json(first.text());
        assertThat(event.keySet()).containsExactly("type", "timestamp", "data");
        assertThat(event.getString("type")).isEqualTo("aigw.alert.budget");
        assertThat(Instant.parse(event.getString("timestamp"))).isBetween(crossedAt.minusSeconds(10), crossedAt);
        JsonObject data = event.getJsonObject("data");
        String today = LocalDate.now(ZoneOffset.UTC) + "T00:00:00Z";
        assertThat(data.toString()).isEqualTo("{\"alert\":\"budget-" + id + "\",\"scope\":\"tenant:" + tenant
                + "\",\"scope_type\":\"tenant\",\"scope_id\":\"" + tenant + "\",\"period\":\"day\",\"period_start\":\""
                + today + "\",\"fraction\":0.5,\"currency\":\"USD\",\"amount\":\"0.02\",\"spent\":\"0.014\"}");

        JsonObject delivery = awaitDelivery(first.header("webhook-id"));
        assertThat(delivery.getString("operation")).isEqualTo("webhook");
        assertThat(delivery.getInt("status")).isEqualTo(200);
        assertThat(delivery.getString("tenant")).isEqualTo(tenant);
        assertThat(delivery.getString("path")).isEqualTo(receiver.url(path));
        JsonObject details = delivery.getJsonObject("details");
        assertThat(details.getString("alert")).isEqualTo("budget-" + id);
        assertThat(details.getString("event_type")).isEqualTo("aigw.alert.budget");
        assertThat(details.getString("outcome")).isEqualTo("delivered");
        assertThat(details.getInt("attempt_count")).isEqualTo(2);
        assertThat(details.getJsonArray("attempts").getValuesAs(JsonObject.class).stream()
                .map(a -> a.getInt("status")).toList()).containsExactly(500, 200);
        assertThat(delivery.toString()).doesNotContain(secret.substring(6));
        JsonObject listed = Gateway.json(gateway.get("/compliance/audit?operation=webhook&tenant=" + tenant,
                Gateway.ADMIN_KEY));
        assertThat(listed.getJsonArray("data").getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")))
                .containsExactly(first.header("webhook-id"));
        assertThat(Poll.until(Duration.ofSeconds(3), () -> receiver.received(path).size() > 2))
                .as("0.3 is not among the alert's fractions; 0.5 is sent once").isFalse();
        assertThat(gateway.delete("/admin/alerts/budget-" + id, Gateway.ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void theAdminApiValidatesShowsTheSecretOnceRotatesItAndSendsTestEvents() throws Exception {
        String name = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/" + name;
        assertProblem(put(name, "{\"kind\":\"disk\",\"webhook_url\":\"" + receiver.url(path) + "\"}"), "kind",
                "Unknown kind 'disk'. Kinds are 'budget', 'error_rate', 'latency' and 'usage_jump'.");
        assertProblem(put(name, "{\"kind\":\"budget\"}"), "webhook_url", "Missing required field 'webhook_url'.");
        assertProblem(put(name, "{\"kind\":\"budget\",\"webhook_url\":\"ftp://127.0.0.1/x\"}"), "webhook_url",
                "'webhook_url' must be an absolute http(s) URL with a host.");
        assertProblem(put(name, "{\"kind\":\"budget\",\"webhook_url\":\"http://93.184.216.34/x\"}"), "webhook_url",
                "'webhook_url' must be an https URL: plain http is accepted only for receivers on private networks "
                        + "(with aigw.alerts.allow-private-networks).");
        assertProblem(put(name, "{\"kind\":\"latency\",\"window\":\"PT2H\",\"webhook_url\":\"" + receiver.url(path)
                + "\"}"), "window", "'window' must be an ISO-8601 duration of whole minutes from PT1M to PT30M, such as "
                + "\"PT5M\".");
        assertProblem(put("bad name!", "{\"kind\":\"budget\",\"webhook_url\":\"" + receiver.url(path) + "\"}"),
                "name", "An alert name is letters, digits, '.', '_' and '-', at most 64, starting with a letter or "
                        + "digit.");
        Keys.Issued user = Keys.user(gateway, "not-an-admin");
        assertThat(gateway.get("/admin/alerts", user.secret()).statusCode()).isEqualTo(403);

        HttpResponse<String> created = put(name, "{\"kind\":\"latency\",\"factor\":3,\"webhook_url\":\""
                + receiver.url(path) + "?token=abc\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = Gateway.json(created).getString("secret");
        JsonObject shown = Gateway.json(gateway.get("/admin/alerts/" + name, Gateway.ADMIN_KEY));
        assertThat(shown.toString()).isEqualTo("{\"name\":\"" + name + "\",\"kind\":\"latency\",\"cooldown\":\"PT1H\","
                + "\"factor\":3.0,\"window\":\"PT5M\",\"baseline_windows\":6,\"statistic\":\"p95\",\"min_requests\":20,"
                + "\"webhook_url\":\"" + receiver.url(path) + "?redacted\",\"created_at\":\""
                + shown.getString("created_at") + "\",\"changed_at\":\"" + shown.getString("changed_at")
                + "\",\"changed_by\":\"" + shown.getString("changed_by") + "\"}");
        assertThat(gateway.get("/admin/alerts", Gateway.ADMIN_KEY).body()).contains("\"" + name + "\"")
                .doesNotContain(secret.substring(6)).doesNotContain("token=abc");
        JsonObject change = audit.row(Gateway.requestId(created)).getJsonArray("changes").getJsonObject(0);
        assertThat(change.getString("entity")).isEqualTo("alert");
        assertThat(change.toString()).doesNotContain(secret.substring(6)).doesNotContain("token=abc");

        HttpResponse<String> replaced = put(name, "{\"kind\":\"error_rate\",\"threshold\":0.5,\"webhook_url\":\""
                + receiver.url(path) + "\"}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(Gateway.json(replaced).containsKey("secret")).as("a replaced alert keeps its secret").isFalse();
        assertThat(Gateway.json(replaced).getString("kind")).isEqualTo("error_rate");

        HttpResponse<String> tested = gateway.post("/admin/alerts/" + name + "/test", Gateway.ADMIN_KEY, "");
        assertThat(tested.statusCode()).as(tested.body()).isEqualTo(202);
        String webhookId = Gateway.json(tested).getString("webhook_id");
        WebhookReceiver.Received test = receiver.await(path, 1, Duration.ofSeconds(10)).get(0);
        assertThat(test.header("webhook-id")).isEqualTo(webhookId);
        assertThat(StandardWebhooks.verifies(secret, test)).isTrue();
        assertThat(Gateway.json(test.text()).getString("type")).isEqualTo("aigw.alert.test");

        HttpResponse<String> rotated = gateway.post("/admin/alerts/" + name + "/rotate-secret", Gateway.ADMIN_KEY, "");
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.headers().firstValue("cache-control")).contains("no-store");
        String rotatedSecret = Gateway.json(rotated).getString("secret");
        assertThat(rotatedSecret).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(audit.row(Gateway.requestId(rotated)).toString()).doesNotContain(rotatedSecret.substring(6));
        gateway.post("/admin/alerts/" + name + "/test", Gateway.ADMIN_KEY, "");
        WebhookReceiver.Received afterRotation = receiver.await(path, 2, Duration.ofSeconds(10)).get(1);
        assertThat(StandardWebhooks.verifies(rotatedSecret, afterRotation)).isTrue();
        assertThat(StandardWebhooks.verifies(secret, afterRotation)).as("the old secret no longer signs").isFalse();

        assertThat(gateway.delete("/admin/alerts/" + name, Gateway.ADMIN_KEY).statusCode()).isEqualTo(200);
        HttpResponse<String> gone = gateway.get("/admin/alerts/" + name, Gateway.ADMIN_KEY);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Gateway.json(gone).getString("detail")).isEqualTo("There is no alert '" + name + "'.");
    }

    @Test
    void anErrorRateSpikeFromAFailingModelFiresOncePerCooldown() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String path = "/errors-" + id;
        String model = "gpt-alert-failing-" + id;
        Keys.Issued key = Keys.user(gateway, "failing-" + id);
        HttpResponse<String> created = put("errors-" + id, "{\"kind\":\"error_rate\",\"threshold\":0.5,"
                + "\"window\":\"PT1M\",\"min_requests\":2,\"key\":\"" + key.id() + "\",\"webhook_url\":\""
                + receiver.url(path) + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = Gateway.json(created).getString("secret");
        FakeUpstreams.openai().faults().failAlways(model, 500);
        try {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> failed = gateway.post("/v1/chat/completions", key.secret(), "{\"model\":\"openai/"
                        + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(failed.statusCode()).isGreaterThanOrEqualTo(500);
            }
        } finally {
            FakeUpstreams.openai().faults().recover(model);
        }
        // judged once the minute of the failures is over (evaluated every 5 s)
        WebhookReceiver.Received spike = receiver.await(path, 1, Duration.ofSeconds(90)).get(0);
        assertThat(StandardWebhooks.verifies(secret, spike)).isTrue();
        JsonObject event = Gateway.json(spike.text());
        assertThat(event.getString("type")).isEqualTo("aigw.alert.error_rate");
        JsonObject data = event.getJsonObject("data");
        assertThat(data.getString("alert")).isEqualTo("errors-" + id);
        assertThat(data.getString("series")).isEqualTo("key:" + key.id());
        assertThat(data.getString("window")).isEqualTo("PT1M");
        assertThat(data.getJsonNumber("error_rate").doubleValue()).isEqualTo(1.0);
        assertThat(data.getInt("errors")).isEqualTo(data.getInt("requests"));
        assertThat(data.getJsonNumber("threshold").doubleValue()).isEqualTo(0.5);
        assertThat(awaitDelivery(spike.header("webhook-id")).getJsonObject("details").getString("subject"))
                .isEqualTo("key:" + key.id());
        assertThat(Poll.until(Duration.ofSeconds(12), () -> receiver.received(path).size() > 1))
                .as("within its cooldown the spike is not sent again").isFalse();
        gateway.delete("/admin/alerts/errors-" + id, Gateway.ADMIN_KEY);
    }

    private HttpResponse<String> put(String name, String body) {
        return gateway.method("PUT", "/admin/alerts/" + name.replace(" ", "%20").replace("!", "%21"),
                Gateway.ADMIN_KEY, body);
    }

    private static void assertProblem(HttpResponse<String> r, String param, String detail) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("content-type")).contains("application/problem+json");
        JsonObject problem = Gateway.json(r);
        assertThat(problem.getString("param")).isEqualTo(param);
        assertThat(problem.getString("detail")).isEqualTo(detail);
    }

    /** The delivery's audit record, once written. */
    private JsonObject awaitDelivery(String webhookId) {
        HttpResponse<String>[] last = new HttpResponse[1];
        Poll.until(Duration.ofSeconds(15), () -> {
            last[0] = gateway.get("/compliance/audit/" + webhookId, Gateway.ADMIN_KEY);
            return last[0].statusCode() == 200;
        });
        assertThat(last[0].statusCode()).as(last[0].body()).isEqualTo(200);
        return Gateway.json(last[0]);
    }

    private void price(String model) {
        HttpResponse<String> r = gateway.method("PUT", "/admin/prices", Gateway.ADMIN_KEY, "{\"model\":\"" + model
                + "\",\"currency\":\"USD\",\"input_per_million\":\"1000\",\"output_per_million\":\"2000\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
}
