package io.aigw.codec.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeminiErrorsTest {

    @Test
    void readsTheEnvelopeAndTheErrorInfoReason() {
        GeminiErrors.GeminiError e = GeminiErrors.read("""
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",
                  "status":"INVALID_ARGUMENT","details":[
                    {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID",
                     "domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}
                """);

        assertThat(e).isEqualTo(new GeminiErrors.GeminiError(400, "API key not valid. Please pass a valid API key.",
                "INVALID_ARGUMENT", "API_KEY_INVALID", null));
    }

    @Test
    void readsTheRetryDelayOfARateLimit() {
        GeminiErrors.GeminiError e = GeminiErrors.read("""
                {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
                  "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
                             {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37.5s"}]}}
                """);

        assertThat(e.status()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(e.retryDelay()).isEqualTo(Duration.ofMillis(37_500));
    }

    @Test
    void toleratesAnythingElse() {
        assertThat(GeminiErrors.read("<html>502</html>")).isEqualTo(new GeminiErrors.GeminiError(0, null, null, null,
                null));
        assertThat(GeminiErrors.read("{\"error\":\"nope\"}").message()).isNull();
        assertThat(GeminiErrors.read("{\"error\":{\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"soon\"}]}}").retryDelay()).isNull();
        assertThat(GeminiErrors.isError(JsonText.parseObject("{\"error\":{\"code\":500}}"))).isTrue();
        assertThat(GeminiErrors.isError(JsonText.parseObject("{\"candidates\":[]}"))).isFalse();
    }
}
