package io.aigw.codec.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicErrorsTest {

    @Test
    void mapsStatusesToAnthropicErrorTypes() {
        Map<Integer, String> expected = new LinkedHashMap<>();
        expected.put(400, "invalid_request_error");
        expected.put(401, "authentication_error");
        expected.put(403, "permission_error");
        expected.put(404, "not_found_error");
        expected.put(413, "request_too_large");
        expected.put(422, "invalid_request_error");
        expected.put(429, "rate_limit_error");
        expected.put(500, "api_error");
        expected.put(502, "api_error");
        expected.put(503, "overloaded_error");
        expected.put(504, "api_error");
        expected.put(529, "overloaded_error");

        expected.forEach((status, type) -> assertThat(AnthropicErrors.typeFor(status)).as("HTTP " + status)
                .isEqualTo(type));
    }

    @Test
    void encodesTheErrorEnvelope() {
        var body = AnthropicErrors.encode("not_found_error", "model: claude-nope");

        assertThat(body.getString("type")).isEqualTo("error");
        assertThat(body.getJsonObject("error").getString("type")).isEqualTo("not_found_error");
        assertThat(body.getJsonObject("error").getString("message")).isEqualTo("model: claude-nope");
        assertThat(body.keySet()).containsExactly("type", "error");
    }
}
