package io.aigw.codec.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiErrorsTest {

    private static final OpenAiErrors.UpstreamError NOTHING = new OpenAiErrors.UpstreamError(null, null, null);

    @Test
    void readsTheErrorEnvelope() {
        assertThat(OpenAiErrors.read("{\"error\":{\"message\":\"Bad model\",\"type\":\"invalid_request_error\","
                + "\"param\":\"model\",\"code\":\"model_not_found\"}}"))
                .isEqualTo(new OpenAiErrors.UpstreamError("Bad model", "invalid_request_error", "model_not_found"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "<html><body>502 Bad Gateway</body></html>", "{\"error\":", "[1,2]",
            "\"just a string\"", "42", "null", "{}", "{\"error\":\"rate limited\"}", "{\"error\":null}",
            "{\"error\":[1]}"})
    void toleratesGarbageAndNonObjectBodies(String body) {
        assertThat(OpenAiErrors.read(body)).isEqualTo(NOTHING);
    }

    @Test
    void readsFieldsOfTheWrongTypeAsNull() {
        assertThat(OpenAiErrors.read("{\"error\":{\"message\":{\"text\":\"x\"},\"type\":1,\"code\":429}}"))
                .isEqualTo(NOTHING);
        assertThat(OpenAiErrors.read("{\"error\":{\"message\":\"m\",\"code\":429}}"))
                .isEqualTo(new OpenAiErrors.UpstreamError("m", null, null));
    }

    @Test
    void encodesTheEnvelopeWithNulls() {
        assertThat(OpenAiErrors.encode("Nope.", "invalid_request_error", null, null)).isEqualTo(JsonText.parseObject(
                "{\"error\":{\"message\":\"Nope.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"));
        assertThat(OpenAiErrors.encode("Nope.", "permission_error", "model", "model_not_allowed")).isEqualTo(
                JsonText.parseObject("{\"error\":{\"message\":\"Nope.\",\"type\":\"permission_error\","
                        + "\"param\":\"model\",\"code\":\"model_not_allowed\"}}"));
    }
}
