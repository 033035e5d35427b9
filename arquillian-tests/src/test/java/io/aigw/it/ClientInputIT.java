package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input and bad keys get the right 4xx in the format the client expects, never a 500 or a stack trace, and each
 * such request has its audit row. The test server limits bodies to 1 MiB.
 */
class ClientInputIT extends GatewayIT {

    private static final String CHAT = "/v1/chat/completions";
    private static final String HELLO = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";


    private JsonObject openAiError(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        JsonObject error = Gateway.json(r).getJsonObject("error");
        assertThat(error.getString("message")).isNotBlank();
        assertThat(error.containsKey("type")).isTrue();
        assertThat(error.containsKey("param")).isTrue();
        assertThat(error.containsKey("code")).isTrue();
        if (status == 401) {
            JsonObject summary = audit.awaitAuthFailure(Gateway.requestId(r));
            assertThat(summary.getInt("status")).isEqualTo(401);
            assertThat(summary.getJsonObject("failures").getInt("count")).isPositive();
        } else {
            assertThat(audit.row(Gateway.requestId(r)).getInt("status")).isEqualTo(status);
        }
        return error;
    }

    @Test
    void malformedJsonIsBadRequest() {
        JsonObject e = openAiError(gateway.post(CHAT, Gateway.ADMIN_KEY, "{\"model\": \"gpt-4o-mini\", \"messa"), 400);
        assertThat(e.getString("type")).isEqualTo("invalid_request_error");
        assertThat(e.getString("message")).contains("JSON");
    }

    @Test
    void deeplyNestedJsonIsBadRequestAtEveryJsonEntryPoint() {
        String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        String expected = "We could not parse the JSON body of your request: it nests objects and arrays deeper than 64 "
                + "levels.";
        assertThat(openAiError(gateway.post(CHAT, Gateway.ADMIN_KEY, deep), 400).getString("message"))
                .isEqualTo(expected);
        assertThat(openAiError(gateway.post("/v1/embeddings", Gateway.ADMIN_KEY, deep), 400).getString("message"))
                .isEqualTo(expected);

        HttpResponse<String> messages = gateway.post("/v1/messages", Gateway.ADMIN_KEY, deep);
        assertThat(messages.statusCode()).as(messages.body()).isEqualTo(400);
        JsonObject anthropic = Gateway.json(messages);
        assertThat(anthropic.getString("type")).isEqualTo("error");
        assertThat(anthropic.getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(anthropic.getJsonObject("error").getString("message")).isEqualTo(expected);

        HttpResponse<String> admin = gateway.post("/admin/keys", Gateway.ADMIN_KEY, deep);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(400);
        assertThat(admin.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertThat(Gateway.json(admin).getString("detail")).isEqualTo(expected);
        assertThat(audit.row(Gateway.requestId(admin)).getInt("status")).isEqualTo(400);
    }

    @Test
    void wrongTypesNameTheParameter() {
        JsonObject e = openAiError(gateway.post(CHAT, Gateway.ADMIN_KEY,
                "{\"model\":\"gpt-4o-mini\",\"messages\":\"hi\"}"), 400);
        assertThat(e.getString("param")).isEqualTo("messages");
        e = openAiError(gateway.post(CHAT, Gateway.ADMIN_KEY,
                "{\"model\":\"gpt-4o-mini\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400);
        assertThat(e.getString("param")).isEqualTo("temperature");
        e = openAiError(gateway.post(CHAT, Gateway.ADMIN_KEY, "[1,2]"), 400);
        assertThat(e.getString("message")).contains("JSON object");
    }

    @Test
    void missingMessagesIsBadRequest() {
        JsonObject e = openAiError(gateway.post(CHAT, Gateway.ADMIN_KEY, "{\"model\":\"gpt-4o-mini\"}"), 400);
        assertThat(e.getString("param")).isEqualTo("messages");
        assertThat(e.getString("message")).contains("messages");
    }

    @Test
    void modelsNoConnectionServesAreNotFoundOrUnsupported() {
        JsonObject e = openAiError(gateway.post("/v1/embeddings", Gateway.ADMIN_KEY,
                "{\"model\":\"local/no-such-model\",\"input\":\"x\"}"), 404);
        assertThat(e.getString("code")).isEqualTo("model_not_found");
        e = openAiError(gateway.post(CHAT, Gateway.ADMIN_KEY,
                "{\"model\":\"local/all-minilm-l6-v2\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400);
        assertThat(e.getString("message")).contains("embedding");
    }

    @Test
    void bodiesOverTheLimitAreTooLargeDeclaredOrChunked() {
        byte[] big = new byte[2 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        openAiError(gateway.send(Gateway.bearer(gateway.request(CHAT), Gateway.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build()), 413);
        openAiError(gateway.send(Gateway.bearer(gateway.request(CHAT), Gateway.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build()), 413);
    }

    @Test
    void missingUnknownAndRevokedKeysAreUnauthorizedBeforeTheBodyIsRead() {
        JsonObject e = openAiError(gateway.post(CHAT, null, "{not json"), 401);
        assertThat(e.getString("code")).isEqualTo("invalid_api_key");
        openAiError(gateway.post(CHAT, "aigw-unknown-key", HELLO), 401);

        Keys.Issued key = Keys.user(gateway, "soon-revoked");
        assertThat(gateway.post(CHAT, key.secret(), HELLO).statusCode()).isEqualTo(200);
        assertThat(gateway.send(Gateway.bearer(gateway.request("/admin/keys/" + key.id()), Gateway.ADMIN_KEY)
                .DELETE().build()).statusCode()).isEqualTo(200);
        openAiError(gateway.post(CHAT, key.secret(), HELLO), 401);
        // requests without a valid key are counted in a summary record of their client, which names no key
        JsonObject summary = audit.awaitAuthFailure(Gateway.requestId(gateway.post(CHAT, null, HELLO)));
        assertThat(summary.isNull("key_id")).isTrue();
        assertThat(summary.getString("error_code")).isEqualTo("unauthenticated");
    }

    @Test
    void theApiKeyHeaderWorksLikeBearer() {
        HttpResponse<String> r = gateway.send(gateway.request(CHAT).header("x-api-key", Gateway.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void issuedKeysAreStoredOnlyAsHashesAndShownOnce() {
        Keys.Issued key = Keys.user(gateway, "listed");
        HttpResponse<String> list = gateway.get("/admin/keys", Gateway.ADMIN_KEY);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(key.id()).doesNotContain(key.secret());
        assertThat(gateway.get("/admin/keys/" + key.id(), Gateway.ADMIN_KEY).body()).doesNotContain(key.secret());
    }

    @Test
    void adminAndComplianceNeedTheirRolesAndAnswerProblemJson() {
        Keys.Issued user = Keys.user(gateway, "plain-user");
        HttpResponse<String> r = gateway.get("/admin/keys", user.secret());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        JsonObject problem = Gateway.json(r);
        assertThat(problem.getInt("status")).isEqualTo(403);
        assertThat(problem.getString("type")).endsWith("/forbidden");
        assertThat(gateway.get("/compliance/audit", user.secret()).statusCode()).isEqualTo(403);
        assertThat(gateway.get("/compliance/audit", null).statusCode()).isEqualTo(401);

        Keys.Issued officer = Keys.issue(gateway, "officer", List.of("compliance"), List.of());
        assertThat(gateway.get("/compliance/audit?limit=5", officer.secret()).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/admin/keys", officer.secret()).statusCode()).isEqualTo(403);
        assertThat(audit.row(Gateway.requestId(r)).getString("operation")).isEqualTo("admin");
    }

    @Test
    void keysLimitedToSomeModelsCannotUseOthers() {
        Keys.Issued key = Keys.issue(gateway, "mini-only", List.of(), List.of("openai/*-mini", "gpt-4o-mini"));
        assertThat(gateway.post(CHAT, key.secret(), HELLO).statusCode()).isEqualTo(200);
        JsonObject e = openAiError(gateway.post(CHAT, key.secret(),
                "{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 403);
        assertThat(e.getString("code")).isEqualTo("model_not_allowed");
    }

    @Test
    void unknownPathsAndMethodsGetTheEnvelope() {
        openAiError(gateway.get("/v1/nothing-here", Gateway.ADMIN_KEY), 404);
        HttpResponse<String> r = gateway.get(CHAT, Gateway.ADMIN_KEY);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(Gateway.json(r).getJsonObject("error").getString("code")).isEqualTo("method_not_allowed");
    }

    @Test
    void badComplianceQueriesAreProblems() {
        HttpResponse<String> r = gateway.get("/compliance/audit?limit=0", Gateway.ADMIN_KEY);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Gateway.json(r).getString("detail")).contains("limit");
        assertThat(gateway.get("/compliance/audit?from=yesterday", Gateway.ADMIN_KEY).statusCode()).isEqualTo(400);
        HttpResponse<String> missing = gateway.post("/admin/keys", Gateway.ADMIN_KEY, "{\"roles\":[\"user\"]}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(gateway.post("/admin/keys", Gateway.ADMIN_KEY, "{\"name\":\"x\",\"roles\":[\"root\"]}")
                .statusCode()).isEqualTo(400);
    }
}
