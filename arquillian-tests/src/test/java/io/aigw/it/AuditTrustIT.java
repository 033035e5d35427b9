package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What compliance teams rely on: hostile requests never fail other requests' audit, records are scoped to the
 * reader's tenant, administrative changes carry their own events, and the hash chain verifies.
 */
class AuditTrustIT extends GatewayIT {

    private static final String CHAT = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";

    @Test
    void poisonedRequestsBesideLegitimateOnesNeverCostTheLegitimateTheirAnswerOrRecord() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<CompletableFuture<HttpResponse<String>>> legit = new ArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> poison = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 20; i++) {
                    legit.add(CompletableFuture.supplyAsync(() -> gateway.post("/v1/chat/completions",
                            Gateway.ADMIN_KEY, CHAT), pool));
                }
                poison.add(CompletableFuture.supplyAsync(() -> gateway.send(gateway.request("/v1/models")
                        .method("SUBSCRIPTIONS", HttpRequest.BodyPublishers.noBody()).build()), pool));
                String hostileModel = "gpt-\\u0000" + "x".repeat(600);
                poison.add(CompletableFuture.supplyAsync(() -> gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY,
                        "{\"model\":\"" + hostileModel + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                        pool));
            }
            for (CompletableFuture<HttpResponse<String>> f : legit) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonObject row = audit.row(Gateway.requestId(r));
                assertThat(row.getString("state")).isEqualTo("completed");
                assertThat(row.getInt("status")).isEqualTo(200);
            }
            for (int i = 0; i < poison.size(); i += 2) {
                HttpResponse<String> method = poison.get(i).get(60, TimeUnit.SECONDS);
                assertThat(method.statusCode()).isEqualTo(401);
                // without a key: counted in the summary of this client's failed authentications in that second
                JsonObject summary = audit.awaitAuthFailure(Gateway.requestId(method));
                assertThat(summary.getJsonObject("failures").getJsonArray("paths").getString(0))
                        .isEqualTo("/v1/models");

                HttpResponse<String> model = poison.get(i + 1).get(60, TimeUnit.SECONDS);
                // a plain name goes to the default connection, whose fake answers any model it is sent
                assertThat(model.statusCode()).as(model.body()).isEqualTo(200);
                JsonObject modelRow = audit.row(Gateway.requestId(model));
                assertThat(modelRow.getString("model_requested")).hasSize(300).startsWith("gpt-?xxx");
            }
        } finally {
            pool.shutdownNow();
        }
        HttpResponse<String> ready = gateway.get("/health/ready", null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }

    @Test
    void aComplianceKeyReadsItsOwnTenantsRecordsAndAnAuditorEveryTenants() {
        String acme = "acme-" + UUID.randomUUID();
        String globex = "globex-" + UUID.randomUUID();
        Keys.Issued acmeUser = Keys.issue(gateway, "acme-app", acme, List.of(), List.of());
        Keys.Issued globexUser = Keys.issue(gateway, "globex-app", globex, List.of(), List.of());
        Keys.Issued acmeCompliance = Keys.issue(gateway, "acme-compliance", acme, List.of("compliance"), List.of());
        Keys.Issued auditor = Keys.issue(gateway, "auditor", "audit-office", List.of("auditor"), List.of());
        String acmeRequest = Gateway.requestId(gateway.post("/v1/chat/completions", acmeUser.secret(), CHAT));
        String globexRequest = Gateway.requestId(gateway.post("/v1/chat/completions", globexUser.secret(), CHAT));

        assertThat(gateway.get("/compliance/audit/" + acmeRequest, acmeCompliance.secret()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> other = gateway.get("/compliance/audit/" + globexRequest, acmeCompliance.secret());
        assertThat(other.statusCode()).as(other.body()).isEqualTo(404);
        assertThat(Gateway.json(other).getString("title")).isEqualTo("Not found");

        HttpResponse<String> asked = gateway.get("/compliance/audit?tenant=" + globex, acmeCompliance.secret());
        assertThat(Gateway.json(asked).getJsonArray("data")).isEmpty();
        HttpResponse<String> own = gateway.get("/compliance/audit?limit=1000", acmeCompliance.secret());
        List<String> tenants = Gateway.json(own).getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("tenant")).distinct().toList();
        assertThat(tenants).containsExactly(acme);

        assertThat(gateway.get("/compliance/audit/" + acmeRequest, auditor.secret()).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/compliance/audit/" + globexRequest, auditor.secret()).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/compliance/audit/verify", acmeCompliance.secret()).statusCode()).isEqualTo(403);
        assertThat(gateway.get("/admin/keys", auditor.secret()).statusCode()).isEqualTo(403);
    }

    @Test
    void keyChangesAreAuditedWithWhoWhatAndTheStateBeforeAndAfterButNeverTheSecret() {
        Keys.tenant(gateway, "acme");
        HttpResponse<String> created = gateway.post("/admin/keys", Gateway.ADMIN_KEY,
                "{\"name\":\"audited\",\"tenant\":\"acme\",\"allowed_models\":[\"openai/*\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject key = Gateway.json(created);
        String keyId = key.getString("id");
        String secret = key.getString("key");
        assertThat(gateway.post("/v1/chat/completions", secret, CHAT).statusCode()).isEqualTo(200);

        JsonObject createRecord = audit.row(Gateway.requestId(created));
        assertThat(createRecord.toString()).doesNotContain(secret);
        JsonObject change = createRecord.getJsonArray("changes").getJsonObject(0);
        assertThat(change.getString("action")).isEqualTo("create");
        assertThat(change.getString("entity")).isEqualTo("api_key");
        assertThat(change.getString("entity_id")).isEqualTo(keyId);
        assertThat(change.get("before")).isEqualTo(JsonValue.NULL);
        assertThat(change.getJsonObject("after").getString("tenant")).isEqualTo("acme");
        assertThat(change.getJsonObject("after").getString("allowed_models")).isEqualTo("openai/*");
        assertThat(createRecord.getString("key_id")).isNotEqualTo(keyId); // who: the admin key that made it

        HttpRequest revoke = Gateway.bearer(gateway.request("/admin/keys/" + keyId), Gateway.ADMIN_KEY).DELETE().build();
        HttpResponse<String> revoked = gateway.send(revoke);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(gateway.post("/v1/chat/completions", secret, CHAT).statusCode()).isEqualTo(401);
        JsonObject revokeChange = audit.row(Gateway.requestId(revoked)).getJsonArray("changes").getJsonObject(0);
        assertThat(revokeChange.getString("action")).isEqualTo("revoke");
        assertThat(revokeChange.getJsonObject("before").get("revoked_at")).isEqualTo(JsonValue.NULL);
        assertThat(revokeChange.getJsonObject("after").getString("revoked_at")).endsWith("Z");
    }

    @Test
    void aStreamedAnswerHasItsAcceptedEventAndTheChainVerifies() {
        HttpResponse<java.util.stream.Stream<String>> streamed = gateway.stream("/v1/chat/completions",
                Gateway.ADMIN_KEY, "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"hi\"}]}");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body().toList()).last().isEqualTo("");
        JsonObject row = audit.awaitRow(Gateway.requestId(streamed), Duration.ofSeconds(10)).orElseThrow();
        assertThat(row.getString("state")).isEqualTo("completed");
        assertThat(row.getString("accepted_at")).isEqualTo(row.getString("occurred_at"));
        assertThat(row.getBoolean("stream")).isTrue();

        HttpResponse<String> verify = gateway.get("/compliance/audit/verify", Gateway.ADMIN_KEY);
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        JsonObject result = Gateway.json(verify);
        assertThat(result.get("first_break")).as(verify.body()).isEqualTo(JsonValue.NULL);
        assertThat(result.getJsonNumber("verified").longValue()).isGreaterThan(2);
    }

    @Test
    void theAuditListFiltersByTimeTenantModelAndStatusAndPages() {
        String tenant = "filters-" + UUID.randomUUID();
        Keys.Issued user = Keys.issue(gateway, "filters", tenant, List.of(), List.of());
        List<String> ids = new ArrayList<>();
        ids.add(Gateway.requestId(gateway.post("/v1/chat/completions", user.secret(), CHAT)));
        clockMoves();
        ids.add(Gateway.requestId(gateway.post("/v1/chat/completions", user.secret(), CHAT)));
        clockMoves();
        HttpResponse<String> missing = gateway.post("/v1/chat/completions", user.secret(),
                "{\"model\":\"openai/nosuch-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(missing.statusCode()).isEqualTo(404);
        ids.add(Gateway.requestId(missing));
        String second = audit.row(ids.get(1)).getString("occurred_at");

        assertThat(listed("tenant=" + tenant)).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(listed("tenant=" + tenant + "&model=openai/gpt-4o-mini")).containsExactly(ids.get(1), ids.get(0));
        assertThat(listed("tenant=" + tenant + "&status=404")).containsExactly(ids.get(2));
        assertThat(listed("tenant=" + tenant + "&from=" + second)).containsExactly(ids.get(2), ids.get(1));
        assertThat(listed("tenant=" + tenant + "&to=" + second)).containsExactly(ids.get(0));
        assertThat(listed("tenant=" + tenant + "&limit=2")).containsExactly(ids.get(2), ids.get(1));
        JsonObject page = Gateway.json(gateway.get("/compliance/audit?tenant=" + tenant
                + "&limit=2&offset=2&total=true", Gateway.ADMIN_KEY));
        assertThat(page.getJsonNumber("total").longValue()).isEqualTo(3);
        assertThat(page.getBoolean("total_exact")).isTrue();
        assertThat(page.isNull("next_cursor")).isTrue();
        assertThat(page.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo(ids.get(0));
    }

    private List<String> listed(String query) {
        HttpResponse<String> r = gateway.get("/compliance/audit?" + query, Gateway.ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Gateway.json(r).getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("id")).toList();
    }

    /** Waits until the clock has moved on a few milliseconds, so that consecutive requests have distinct times. */
    private static void clockMoves() {
        long until = System.currentTimeMillis() + 3;
        while (System.currentTimeMillis() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }
}
