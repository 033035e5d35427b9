package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.support.Gateway;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Gemini's and Bedrock's faults through the gateway, as an OpenAI client sees them: rate limits stay 429 with the
 * provider's retry delay, upstream failures are 502, slow upstreams 504, garbage is never a success, and a stream
 * that breaks after its first event (reset, error event, Bedrock exception frame or bad checksum) ends with an error
 * event and no {@code [DONE]}; every answer has its audit row.
 */
class ProviderFaultsIT extends GatewayIT {

    private HttpResponse<String> chat(String model, boolean stream) {
        return gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, "{\"model\":\"" + model + "\""
                + (stream ? ",\"stream\":true" : "") + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static JsonObject error(HttpResponse<String> r) {
        return Gateway.json(r).getJsonObject("error");
    }

    @Test
    void rateLimitsStayRateLimitsWithTheProvidersDelay() {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> gemini = chat("gemini/fault-429", stream);
            assertThat(gemini.statusCode()).as(gemini.body()).isEqualTo(429);
            assertThat(gemini.headers().firstValue("retry-after")).as("Gemini's RetryInfo delay").contains("9");
            assertThat(error(gemini).getString("code")).isEqualTo("rate_limit_exceeded");

            HttpResponse<String> bedrock = chat("bedrock/fault-throttle", stream);
            assertThat(bedrock.statusCode()).as(bedrock.body()).isEqualTo(429);
            assertThat(error(bedrock).getString("code")).isEqualTo("rate_limit_exceeded");
            assertThat(audit.row(Gateway.requestId(bedrock)).getInt("status")).isEqualTo(429);
        }
    }

    @Test
    void upstreamFailuresAreBadGatewayAndGarbageIsNeverASuccess() {
        for (String model : List.of("gemini/fault-500", "gemini/fault-503", "gemini/fault-garbage",
                "bedrock/fault-internal", "bedrock/fault-unavailable", "bedrock/fault-garbage")) {
            HttpResponse<String> r = chat(model, false);
            assertThat(r.statusCode()).as(model + ": " + r.body()).isEqualTo(502);
            assertThat(error(r).getString("type")).isEqualTo("api_error");
            assertThat(audit.row(Gateway.requestId(r)).getInt("status")).isEqualTo(502);
        }
    }

    @Test
    void rejectedGatewayCredentialsAreBadGatewayWithoutDetails() {
        for (String model : List.of("gemini/fault-401", "bedrock/fault-access-denied")) {
            HttpResponse<String> r = chat(model, false);
            assertThat(r.statusCode()).as(model + ": " + r.body()).isEqualTo(502);
            assertThat(error(r).getString("code")).isEqualTo("upstream_authentication_failed");
            assertThat(r.body()).doesNotContain("AIza").doesNotContain("AKID").doesNotContain("aigw-upstream-test");
        }
    }

    @Test
    void slowUpstreamsTimeOut() {
        for (String model : List.of("gemini/fault-timeout", "bedrock/fault-timeout")) {
            long start = System.nanoTime();
            HttpResponse<String> r = chat(model, false);
            assertThat(r.statusCode()).as(model + ": " + r.body()).isEqualTo(504);
            // the test server's response timeout is 3 s; the watchdog sweeps every 50 ms
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(3_000L, 4_500L);
        }
    }

    @Test
    void streamsBrokenAfterTheFirstEventEndWithAnErrorEventAndNoDone() {
        // resets, corrupt frames and error events are the upstream failing (502), a stall the idle timeout (504),
        // Bedrock's mid-stream throttling a rate limit (429)
        java.util.Map<String, Integer> expected = java.util.Map.of("gemini/fault-reset-midstream", 502,
                "gemini/fault-error-event", 502, "gemini/fault-stall-midstream", 504, "bedrock/fault-stream-reset", 502,
                "bedrock/fault-stream-crc", 502, "bedrock/fault-stream-error", 502, "bedrock/fault-stream-throttle", 429);
        for (String model : expected.keySet()) {
            HttpResponse<String> r = chat(model, true);
            assertThat(r.statusCode()).as(model).isEqualTo(200);
            List<String> events = r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6))
                    .toList();
            assertThat(events).as(model).isNotEmpty().doesNotContain("[DONE]");
            assertThat(events.get(0)).as(model).contains("chat.completion.chunk");
            JsonObject last = Gateway.json(events.get(events.size() - 1));
            assertThat(last.containsKey("error")).as(model + ": " + last).isTrue();
            JsonObject row = audit.row(Gateway.requestId(r));
            assertThat(row.getInt("status")).as(model).isEqualTo(expected.get(model));
            assertThat(row.getBoolean("stream")).isTrue();
        }
    }

    @Test
    void theSamePathWithoutAFaultSucceeds() {
        // the control: the faults above are the fakes' doing, not a broken path
        HttpResponse<String> r = chat("bedrock/anthropic.claude-3-5-haiku-20241022-v1:0", true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Stream.of(r.body().split("\n"))).contains("data: [DONE]");
    }
}
