package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.support.Gateway;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Upstream failures become clear client errors (DESIGN's status mapping), before a stream starts as error responses,
 * after it as an error event without {@code [DONE]}; never an upstream body, never a hang past the timeouts
 * (the test server's response timeout is 3 s, its idle timeout 2 s).
 */
class UpstreamFaultsIT extends GatewayIT {


    private HttpResponse<String> chat(String model, boolean stream) {
        return gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, "{\"model\":\"" + model + "\",\"stream\":"
                + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}");
    }

    private static JsonObject error(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        return Gateway.json(r).getJsonObject("error");
    }

    @Test
    void rateLimitKeepsRetryAfterAndAsksForARetry() {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> r = chat("fault-429", stream);
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after")).contains("7");
            assertThat(r.headers().firstValue("x-should-retry")).contains("true");
            assertThat(error(r).getString("code")).isEqualTo("rate_limit_exceeded");
            assertThat(audit.row(Gateway.requestId(r)).getInt("status")).isEqualTo(429);
        }
    }

    @Test
    void upstreamServerErrorsAreBadGateway() {
        for (String model : List.of("fault-500", "fault-503")) {
            HttpResponse<String> r = chat(model, false);
            assertThat(r.statusCode()).as(model).isEqualTo(502);
            assertThat(error(r).getString("type")).isEqualTo("api_error");
            assertThat(r.body()).doesNotContain("server had an error").doesNotContain("overloaded");
        }
    }

    @Test
    void rejectedGatewayCredentialsAreBadGatewayWithoutTheUpstreamBody() {
        for (String model : List.of("fault-401", "fault-403")) {
            HttpResponse<String> r = chat(model, false);
            assertThat(r.statusCode()).as(model).isEqualTo(502);
            assertThat(error(r).getString("code")).isEqualTo("upstream_authentication_failed");
            assertThat(r.headers().firstValue("x-should-retry")).contains("false");
            assertThat(r.body()).doesNotContain("sk-").doesNotContain("Incorrect API key").doesNotContain("country");
            assertThat(audit.row(Gateway.requestId(r)).toString()).doesNotContain("sk-");
        }
    }

    @Test
    void unknownUpstreamModelIsNotFound() {
        HttpResponse<String> r = chat("nosuch-model", false);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r).getString("code")).isEqualTo("model_not_found");
    }

    @Test
    void slowHeadersTimeOutWithGatewayTimeout() {
        long start = System.nanoTime();
        HttpResponse<String> r = chat("fault-timeout", false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(error(r).getString("code")).isEqualTo("upstream_timeout");
        // the test server's response timeout is 3 s; the watchdog sweeps every 50 ms
        assertThat(millis).isBetween(3_000L, 4_500L);
    }

    @Test
    void malformedUpstreamJsonIsBadGateway() {
        HttpResponse<String> r = chat("fault-garbage", false);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).doesNotContain("chatcmpl-1");
    }

    @Test
    void unreachableUpstreamIsBadGateway() {
        HttpResponse<String> r = chat("ollama/llama3", false);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(error(r).getString("message")).contains("cannot be reached");
        assertThat(audit.row(Gateway.requestId(r)).getString("connection")).isEqualTo("ollama");
    }

    @Test
    void failuresAfterTheFirstEventEndTheStreamWithAnErrorEventAndNoDone() {
        // reset, an error event and garbage are the upstream failing (502); a stall is the idle timeout (504)
        java.util.Map<String, Integer> expected = java.util.Map.of("fault-reset-midstream", 502,
                "fault-stall-midstream", 504, "fault-error-event", 502, "fault-garbage", 502);
        for (String model : expected.keySet()) {
            HttpResponse<Stream<String>> r = gateway.stream("/v1/chat/completions", Gateway.ADMIN_KEY,
                    "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.statusCode()).as(model).isEqualTo(200);
            List<String> events = ChatCompletionsIT.events(r.body());
            assertThat(events).as(model).isNotEmpty().doesNotContain("[DONE]");
            JsonObject last = Gateway.json(events.get(events.size() - 1));
            assertThat(last.containsKey("error")).as(model + ": " + last).isTrue();
            assertThat(events.get(0)).contains("chat.completion.chunk");
            JsonObject row = audit.row(Gateway.requestId(r));
            assertThat(row.getInt("status")).as(model).isEqualTo(expected.get(model));
            assertThat(row.getBoolean("stream")).isTrue();
        }
    }

    @Test
    void noPooledConnectionWithinTheWaitTimeIsServiceUnavailable() throws Exception {
        String gateId = "gate-" + java.util.UUID.randomUUID();
        io.aigw.it.fake.StreamGate gate = io.aigw.it.fake.FakeUpstreams.openai().gate(gateId);
        HttpResponse<java.io.InputStream> holder = gateway.streamBytes("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"tiny/fake-gated-stream\",\"stream\":true,\"user\":\"" + gateId + "\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        try (java.io.InputStream held = holder.body()) {
            assertThat(holder.statusCode()).isEqualTo(200);
            assertThat(gate.awaitReached(java.time.Duration.ofSeconds(10))).isTrue();

            HttpResponse<String> r = chat("tiny/gpt-4o-mini", false);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(error(r).getString("code")).isEqualTo("pool_exhausted");
            assertThat(r.headers().firstValue("retry-after")).contains("1");
            assertThat(r.headers().firstValue("x-should-retry")).contains("true");

            gate.release();
            assertThat(new String(held.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .endsWith("data: [DONE]\n\n");
        }
        assertThat(chat("tiny/gpt-4o-mini", false).statusCode()).isEqualTo(200);
    }

    @Test
    void aStreamWithoutProviderUsageIsAuditedWithAnEstimate() {
        HttpResponse<Stream<String>> r = gateway.stream("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"fault-no-usage\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me something\"}]}");
        List<String> events = ChatCompletionsIT.events(r.body());
        assertThat(events).last().isEqualTo("[DONE]");
        JsonObject row = audit.row(Gateway.requestId(r));
        assertThat(row.getBoolean("usage_estimated")).isTrue();
        assertThat(row.getInt("input_tokens")).isPositive();
        assertThat(row.getInt("output_tokens")).isPositive();
    }
}
