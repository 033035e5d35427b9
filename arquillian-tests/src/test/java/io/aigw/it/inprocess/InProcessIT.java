package io.aigw.it.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.fake.FakeOpenAiServer;
import io.aigw.it.servers.GatewayServer;
import io.aigw.it.servers.ServerSpec;
import io.aigw.it.support.Gateway;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A separate application on a server where aigw was installed by the README's guide: everything it does with AI
 * passes the gateway's grant, limits and audit, through CDI, through connection factories and through LangChain4j.
 * Its AI goes to {@code azure}, a connection the administrator declared with its own {@code authData} (the standard
 * {@code openai} connection has no credential on this server), so every answer proves that credential arrived.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InProcessIT {

    private static final String ADMIN = Gateway.ADMIN_KEY;
    private static final String SHOP = "/shop/api";
    private static final String ANSWER = "Hello from gpt-4o-mini.";

    private static FakeOpenAiServer upstream;
    private static GatewayServer server;
    private static Gateway gateway;
    private static String grantKey;

    @BeforeAll
    static void install() throws Exception {
        int fakePort = Integer.getInteger("aigw.shop.fake.port");
        upstream = FakeOpenAiServer.start(fakePort);
        Path work = Path.of(System.getProperty("aigw.shop.work.dir"));
        ServerSpec spec = new ServerSpec("shop", Path.of(System.getProperty("aigw.wlp.dir")),
                Path.of(System.getProperty("aigw.ear")), Integer.getInteger("aigw.shop.http.port"), ADMIN,
                work.resolve("home"), Map.of("AZURE_OPENAI_KEY", FakeOpenAiServer.UPSTREAM_KEY), Map.of(), Map.of());
        InstallGuide guide = new InstallGuide(Path.of(System.getProperty("aigw.usr.zip")),
                Path.of(System.getProperty("aigw.sample.war")), fakePort);
        server = GatewayServer.create(spec, guide::install);
        server.start();
        gateway = server.gateway();
    }

    @AfterAll
    static void uninstall() throws Exception {
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    @Order(1)
    void anApplicationWithoutAGrantIsRefusedWithATypedExceptionAndTheRefusalIsAudited() {
        JsonObject refusal = refused(SHOP + "/ai/chat?q=hi", 403, "ApplicationNotGrantedException",
                "application_not_granted");
        assertThat(refusal.getString("message")).isEqualTo("The application 'shop' has no grant to call the gateway, "
                + "and no default grant is configured: an administrator grants it with PUT /admin/applications/shop.");
        JsonObject row = latest("error_code", "application-not-granted");
        assertThat(row.getString("client_address")).isEqualTo("app:shop");
        assertThat(row.getInt("status")).isEqualTo(403);
        assertThat(row.getString("error_code")).isEqualTo("application-not-granted");
        assertThat(row.getJsonObject("details").getJsonObject("in_process").getString("application")).isEqualTo("shop");
    }

    @Test
    @Order(2)
    void anAdministratorGrantsTheApplicationAKeysTenantAndModels() {
        HttpResponse<String> r = gateway.method("PUT", "/admin/applications/shop", ADMIN,
                "{\"tenant\":\"default\",\"allowed_models\":[\"azure/*\",\"local/*\",\"shop-*\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonObject grant = Gateway.json(r);
        assertThat(grant.getString("application")).isEqualTo("shop");
        assertThat(grant.getString("tenant")).isEqualTo("default");
        assertThat(grant.getJsonArray("allowed_models").getValuesAs(JsonString::getString))
                .containsExactly("azure/*", "local/*", "shop-*");
        assertThat(grant).doesNotContainKey("key");
        grantKey = grant.getString("key_id");
        JsonArray all = Gateway.json(gateway.get("/admin/applications", ADMIN)).getJsonArray("data");
        assertThat(all).hasSize(1);
        HttpResponse<String> badName = gateway.method("PUT", "/admin/applications/two%20words", ADMIN,
                "{\"tenant\":\"default\"}");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(badName).getString("detail")).contains("Jakarta EE name");
        assertThat(Gateway.json(gateway.get("/admin/keys", ADMIN)).getJsonArray("data")).hasSize(2);
    }

    @Test
    @Order(3)
    void anInjectedClientChatsThroughTheAdministratorsConnectionAndEachCallIsAuditedAsTheApplication() {
        JsonObject answer = ok(SHOP + "/ai/chat?q=hi");
        assertThat(answer.getString("text")).isEqualTo(ANSWER);
        assertThat(answer.getInt("output_tokens")).isEqualTo(3);
        JsonObject row = latest("key_id", grantKey);
        assertThat(row.getInt("status")).isEqualTo(200);
        assertThat(row.getString("connection")).isEqualTo("azure");
        assertThat(row.getString("model_requested")).isEqualTo("azure/gpt-4o-mini");
        assertThat(row.getString("client_address")).isEqualTo("app:shop");
        assertThat(row.getString("method")).isEqualTo("CALL");
        assertThat(row.getString("principal")).isEqualTo("application shop");
        assertThat(row.getJsonObject("details").getJsonObject("in_process"))
                .isEqualTo(Gateway.json("{\"application\":\"shop\"}"));
    }

    @Test
    @Order(4)
    void aStreamReachesTheListenerChunkByChunkWithItsUsage() {
        JsonObject answer = ok(SHOP + "/ai/stream?q=hi");
        assertThat(answer.getBoolean("opened")).isTrue();
        assertThat(answer.getJsonArray("deltas").getValuesAs(JsonString::getString))
                .containsExactly("Hello ", "from ", "gpt-4o-mini.");
        assertThat(answer.getInt("output_tokens")).isEqualTo(3);
        assertThat(answer.getString("finish")).isEqualTo("STOP");
        JsonObject row = latest("key_id", grantKey);
        assertThat(row.getBoolean("stream")).isTrue();
        assertThat(row.getInt("status")).isEqualTo(200);
        assertThat(row.getInt("output_tokens")).isEqualTo(3);
    }

    @Test
    @Order(5)
    void aStreamAsAFlowPublisherHonoursDemandOnTheManagedExecutor() {
        JsonObject answer = ok(SHOP + "/ai/publish?q=hi");
        assertThat(answer.getBoolean("completed")).isTrue();
        assertThat(answer.getBoolean("delivered_on_another_thread")).isTrue();
        assertThat(answer.getJsonArray("deltas").getValuesAs(JsonString::getString))
                .containsExactly("Hello ", "from ", "gpt-4o-mini.");
        assertThat(latest("key_id", grantKey).getBoolean("stream")).isTrue();
    }

    @Test
    @Order(6)
    void aListenerThatStopsTheStreamIsRecordedAsAClientAbort() {
        assertThat(ok(SHOP + "/ai/stream-stop?q=hi").getBoolean("stopped")).isTrue();
        JsonObject row = latest("key_id", grantKey);
        assertThat(row.getInt("status")).isEqualTo(499);
        assertThat(row.getString("error_code")).isEqualTo("client-aborted");
    }

    @Test
    @Order(7)
    void toolCallsComeBackWithTheirIdsAndArguments() {
        JsonObject answer = ok(SHOP + "/ai/tools?q=weather");
        assertThat(answer.getString("finish")).isEqualTo("TOOL_CALLS");
        assertThat(answer.getJsonArray("tool_calls")).isEqualTo(Gateway.json("{\"a\":["
                + "{\"id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"},"
                + "{\"id\":\"call_2\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}]}")
                .getJsonArray("a"));
    }

    @Test
    @Order(8)
    void embeddingsComeFromTheLocalModel() {
        JsonObject answer = ok(SHOP + "/ai/embed?q=hello");
        assertThat(answer.getInt("vectors")).isEqualTo(2);
        assertThat(answer.getInt("dimensions")).isEqualTo(384);
        assertThat(latest("key_id", grantKey).getString("connection")).isEqualTo("local");
    }

    @Test
    @Order(9)
    void theModelListShowsWhatTheGrantAllowsIncludingTheAdministratorsConnection() {
        List<String> ids = ok(SHOP + "/ai/models").getJsonArray("ids").getValuesAs(JsonString::getString);
        assertThat(ids).contains("azure/gpt-4o-mini", "local/all-minilm-l6-v2");
        assertThat(ids).allMatch(id -> id.startsWith("azure/") || id.startsWith("local/"));
        assertThat(ids).doesNotContain("openai/gpt-4o-mini");
        List<String> overHttp = Gateway.json(gateway.get("/v1/models", ADMIN)).getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
        assertThat(overHttp).contains("azure/gpt-4o-mini");
    }

    @Test
    @Order(10)
    void aClientLookedUpByNameReachesARouteAndModelsOutsideTheGrantAreRefused() {
        HttpResponse<String> route = gateway.method("PUT", "/admin/routes/shop-assistant", ADMIN,
                "{\"targets\":[{\"model\":\"azure/gpt-4o-mini\"}]}");
        assertThat(route.statusCode()).as(route.body()).isEqualTo(201);
        assertThat(ok(SHOP + "/ai/ask?model=shop-assistant&q=hi").getString("text")).isEqualTo(ANSWER);
        JsonObject row = latest("key_id", grantKey);
        assertThat(row.getString("model_requested")).isEqualTo("shop-assistant");
        assertThat(row.getString("connection")).isEqualTo("azure");
        refused(SHOP + "/ai/ask?model=openai/gpt-4o-mini&q=hi", 403, "ModelNotAllowedException", "model_not_allowed");
    }

    @Test
    @Order(11)
    void unknownModelsAndInvalidRequestsAreTypedRefusalsOnRecord() {
        refused(SHOP + "/ai/unknown", 404, "UnknownModelException", "model_not_found");
        JsonObject invalid = refused(SHOP + "/ai/empty", 400, "InvalidRequestException", "invalid_request_error");
        assertThat(invalid.getString("message")).isEqualTo("A chat request needs at least one message.");
        JsonObject row = latest("key_id", grantKey);
        assertThat(row.getInt("status")).isEqualTo(400);
        assertThat(row.getString("error_code")).isEqualTo("invalid-request");
        assertThat(row.getString("client_address")).isEqualTo("app:shop");
    }

    @Test
    @Order(12)
    void theConnectionFactoryRouteIsGovernedTooAndNeverHandsOutTheCredential() {
        JsonObject viaResource = ok(SHOP + "/jca/chat?q=hi");
        assertThat(viaResource.getString("text")).isEqualTo(ANSWER);
        assertThat(viaResource.getString("connection")).isEqualTo("azure");
        JsonObject row = latest("key_id", grantKey);
        assertThat(row.getString("model_requested")).isEqualTo("azure/gpt-4o-mini");
        assertThat(row.getString("client_address")).isEqualTo("app:shop");
        assertThat(ok(SHOP + "/jca/lookup?q=hi").getString("text")).isEqualTo(ANSWER);
        JsonObject models = ok(SHOP + "/jca/models");
        assertThat(models.getJsonArray("ids").getValuesAs(JsonString::getString)).containsExactly("gpt-4o-mini");
        assertThat(models.getBoolean("available")).isTrue();
        JsonObject ownKey = ok(SHOP + "/jca/own-key");
        assertThat(ownKey.getString("refused")).isEqualTo("jakarta.resource.spi.SecurityException");
    }

    @Test
    @Order(13)
    void aSignedInUsersPrincipalIsInTheRecord() {
        assertThat(gateway.get(SHOP + "/secure/chat?q=hi", null).statusCode()).isEqualTo(401);
        HttpResponse<String> r = gateway.send(gateway.request(SHOP + "/secure/chat?q=hi").header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("alice:alice-secret".getBytes())).GET().build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Gateway.json(r).getString("user")).isEqualTo("alice");
        JsonObject row = latest("principal", "alice");
        assertThat(row.getString("key_id")).isEqualTo(grantKey);
        assertThat(row.getJsonObject("details").getJsonObject("in_process"))
                .isEqualTo(Gateway.json("{\"application\":\"shop\",\"principal\":\"alice\"}"));
    }

    @Test
    @Order(14)
    void theRecordStaysWhenTheCallersTransactionRollsBack() {
        int before = rows("key_id", grantKey);
        JsonObject answer = ok(SHOP + "/ai/rollback?q=hi");
        assertThat(answer.getBoolean("rolled_back")).isTrue();
        assertThat(rows("key_id", grantKey)).isEqualTo(before + 1);
    }

    @Test
    @Order(15)
    void ejbsAndManagedExecutorThreadsAreTheApplicationsAndUnmanagedThreadsAreRefused() {
        assertThat(ok(SHOP + "/ai/ejb?q=order-17").getString("text")).isEqualTo(ANSWER);
        assertThat(latest("key_id", grantKey).getString("client_address")).isEqualTo("app:shop");
        assertThat(ok(SHOP + "/ai/executor?q=hi").getString("text")).isEqualTo(ANSWER);
        refused(SHOP + "/ai/unmanaged?q=hi", 403, "ApplicationNotGrantedException", "application_unknown");
    }

    @Test
    @Order(16)
    void langChain4jCodeUsesTheGatewayThroughConfigurationOnlyToolsIncluded() {
        JsonObject answer = ok(SHOP + "/lc4j/ask?q=weather");
        assertThat(answer.getString("answer")).isEqualTo(ANSWER);
        assertThat(answer.getJsonArray("cities").getValuesAs(JsonString::getString)).containsExactly("Paris", "Rome");
        assertThat(ok(SHOP + "/lc4j/embed?q=hello").getInt("dimensions")).isEqualTo(384);
    }

    @Test
    @Order(17)
    void theGrantsLimitsApplyWithATypedRetryAfter() {
        HttpResponse<String> set = gateway.method("PUT", "/admin/keys/" + grantKey + "/limits", ADMIN,
                "{\"requests_per_minute\": 1}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        try {
            ok(SHOP + "/ai/chat?q=hi");
            JsonObject refusal = refused(SHOP + "/ai/chat?q=hi", 429, "RateLimitedException", "rate_limit_exceeded");
            assertThat(refusal.getString("message")).isEqualTo("Rate limit reached for API key '" + grantKey
                    + "': 1 requests per minute. Retry after 60 s.");
            assertThat(refusal.getJsonNumber("retry_after_seconds").longValue()).isEqualTo(60L);
        } finally {
            gateway.delete("/admin/keys/" + grantKey + "/limits", ADMIN);
        }
    }

    @Test
    @Order(18)
    void withoutItsOwnGrantTheApplicationFallsBackToTheDefaultGrant() {
        assertThat(gateway.delete("/admin/applications/shop", ADMIN).statusCode()).isEqualTo(200);
        refused(SHOP + "/ai/chat?q=hi", 403, "ApplicationNotGrantedException", "application_not_granted");
        HttpResponse<String> r = gateway.method("PUT", "/admin/applications/*", ADMIN,
                "{\"key_id\":\"" + grantKey + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(ok(SHOP + "/ai/chat?q=hi").getString("text")).isEqualTo(ANSWER);
    }

    @Test
    @Order(19)
    void revokingTheGrantsKeyRefusesTheApplicationAtOnce() {
        assertThat(gateway.delete("/admin/keys/" + grantKey, ADMIN).statusCode()).isEqualTo(200);
        JsonObject refusal = refused(SHOP + "/ai/chat?q=hi", 403, "ApplicationNotGrantedException",
                "application_not_granted");
        assertThat(refusal.getString("message")).isEqualTo("The grant of the application 'shop' uses the key '"
                + grantKey + "', which is revoked or expired.");
    }

    /** A refusal the shop reports: the HTTP status, the exception's type and the gateway's code, exactly. */
    private static JsonObject refused(String path, int status, String exception, String code) {
        HttpResponse<String> r = gateway.get(path, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        JsonObject refusal = Gateway.json(r);
        assertThat(refusal.getString("refused")).isEqualTo(exception);
        assertThat(refusal.getString("code")).isEqualTo(code);
        return refusal;
    }

    private static JsonObject ok(String path) {
        HttpResponse<String> r = gateway.get(path, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Gateway.json(r);
    }

    /** The newest audit record matching one filter. */
    private static JsonObject latest(String filter, String value) {
        JsonArray data = Gateway.json(gateway.get("/compliance/audit?limit=1&" + filter + "="
                + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8), ADMIN)).getJsonArray("data");
        assertThat(data).as("audit records with " + filter + "=" + value).isNotEmpty();
        return data.getJsonObject(0);
    }

    private static int rows(String filter, String value) {
        return Gateway.json(gateway.get("/compliance/audit?limit=1000&" + filter + "=" + value, ADMIN))
                .getJsonArray("data").size();
    }
}
