package io.aigw.it.twoservers;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.servers.GatewayServer;
import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import io.aigw.it.support.Poll;
import io.aigw.it.support.StandardWebhooks;
import io.aigw.it.support.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alerts on two servers sharing one PostgreSQL ({@link TwoServers}): a budget threshold that both servers see crossed
 * is delivered once, by the server that claimed it first.
 */
@ExtendWith(TwoServers.Extension.class)
class TwoServerAlertsIT {

    private static final String TENANT = "two-servers-alerts";
    private static final String MODEL = "gpt-two-alert";

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = new WebhookReceiver(0);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aBudgetThresholdBothServersCrossIsDeliveredOnce(TwoServers two) throws Exception {
        GatewayServer a = two.a();
        GatewayServer b = two.b();
        assertThat(a.gateway().method("PUT", "/admin/prices", two.adminKey(), "{\"model\":\"openai/" + MODEL
                + "\",\"currency\":\"USD\",\"input_per_million\":\"1000\",\"output_per_million\":\"2000\"}")
                .statusCode()).isEqualTo(201);
        assertThat(a.gateway().post("/admin/tenants", two.adminKey(), Json.createObjectBuilder().add("id", TENANT)
                .build().toString()).statusCode()).isEqualTo(201);
        HttpResponse<String> issued = a.gateway().post("/admin/keys", two.adminKey(), Json.createObjectBuilder()
                .add("name", "alerts").add("tenant", TENANT).build().toString());
        Keys.Issued key = new Keys.Issued(Gateway.json(issued).getString("id"), Gateway.json(issued).getString("key"));
        HttpResponse<String> alert = a.gateway().method("PUT", "/admin/alerts/two-budget", two.adminKey(),
                "{\"kind\":\"budget\",\"scopes\":[\"tenant:" + TENANT + "\"],\"webhook_url\":\""
                        + receiver.url("/two") + "\"}");
        assertThat(alert.statusCode()).as(alert.body()).isEqualTo(201);
        String secret = Gateway.json(alert).getString("secret");
        assertThat(a.gateway().method("PUT", "/admin/tenants/" + TENANT + "/budget", two.adminKey(),
                "{\"amount\":\"0.05\",\"currency\":\"USD\",\"period\":\"total\",\"alert_at\":[0.5]}").statusCode())
                .isEqualTo(200);

        // 4 x 0.007 on A: 0.028, past half of 0.05; A fires
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = chat(a, key.secret());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        assertThat(receiver.await("/two", 1, Duration.ofSeconds(20))).hasSize(1);
        // once B knows the budget and A's spend, B's first request crosses the threshold on B too
        String spent = Poll.last(Duration.ofSeconds(10), () -> Gateway.json(b.gateway()
                .get("/admin/tenants/" + TENANT + "/budget", two.adminKey())).getString("spent"), "0.028"::equals);
        assertThat(spent).isEqualTo("0.028");
        HttpResponse<String> onB = chat(b, key.secret());
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
        assertThat(Poll.until(Duration.ofSeconds(10), () -> log(b).contains("Budget alert: tenant '" + TENANT
                + "' has used 50%"))).as("B saw the threshold crossed").isTrue();
        assertThat(Poll.until(Duration.ofSeconds(5), () -> receiver.received("/two").size() > 1))
                .as("B's firing lost its claim to A's").isFalse();

        WebhookReceiver.Received sent = receiver.received("/two").get(0);
        assertThat(StandardWebhooks.verifies(secret, sent)).isTrue();
        JsonObject data = Gateway.json(sent.text()).getJsonObject("data");
        assertThat(data.getString("scope")).isEqualTo("tenant:" + TENANT);
        assertThat(data.getString("period")).isEqualTo("total");
        assertThat(data.getJsonNumber("fraction").doubleValue()).isEqualTo(0.5);
        JsonObject delivery = Gateway.json(b.gateway().get("/compliance/audit/" + sent.header("webhook-id"),
                two.adminKey()));
        assertThat(delivery.getString("node_id")).isEqualTo(two.nodeId(a));
        assertThat(delivery.getJsonObject("details").getString("outcome")).isEqualTo("delivered");
        List<WebhookReceiver.Received> all = receiver.received("/two");
        assertThat(all).hasSize(1);
    }

    private static HttpResponse<String> chat(GatewayServer server, String key) {
        return server.gateway().post("/v1/chat/completions", key, "{\"model\":\"openai/" + MODEL + "\","
                + "\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static String log(GatewayServer server) {
        try {
            return Files.readString(server.messagesLog());
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
