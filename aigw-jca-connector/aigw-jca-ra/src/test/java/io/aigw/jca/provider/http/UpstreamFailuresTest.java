package io.aigw.jca.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {

    private static final HttpHeaders NO_HEADERS = headers(Map.of());

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private static String error(String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"some_code\"}}";
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void credentialRejectionsAreAuthenticationFailuresThatNeverEchoTheBody(int status) {
        String body = error("Incorrect API key provided: sk-proj-1234********************abcd. You can find your API "
                + "key at https://platform.openai.com/account/api-keys.");

        ProviderException e = UpstreamFailures.ofStatus("openai", status, NO_HEADERS, body);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.getMessage()).contains("openai").doesNotContain("sk-").doesNotContain("abcd")
                .doesNotContain("Incorrect API key");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void notFound() {
        ProviderException e = UpstreamFailures.ofStatus("c", 404, NO_HEADERS, error("The model `gpt-9` does not exist"));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.upstreamStatus()).isEqualTo(404);
        assertThat(e.getMessage()).doesNotContain("gpt-9");
    }

    @Test
    void badRequestCarriesTheUpstreamMessage() {
        ProviderException e = UpstreamFailures.ofStatus("c", 400, NO_HEADERS,
                error("Invalid value for 'temperature': must be at most 2."));

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.getMessage()).contains("Invalid value for 'temperature': must be at most 2.");
    }

    @Test
    void badRequestWithAnUnreadableBodyStillClassifies() {
        ProviderException e = UpstreamFailures.ofStatus("c", 422, NO_HEADERS, "<html>nope</html>");

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.getMessage()).doesNotContain("html");
    }

    @Test
    void badRequestMessagesAreTruncated() {
        ProviderException e = UpstreamFailures.ofStatus("c", 400, NO_HEADERS, error("x".repeat(1000)));

        assertThat(e.getMessage()).contains("x".repeat(300) + "...").doesNotContain("x".repeat(301));
    }

    @Test
    void rateLimitedWithRetryAfterSeconds() {
        ProviderException e = UpstreamFailures.ofStatus("c", 429, headers(Map.of("retry-after", List.of("7"))),
                error("Rate limit reached"));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        ProviderException e = UpstreamFailures.ofStatus("c", 429, headers(Map.of(
                "retry-after", List.of("7"), "retry-after-ms", List.of("1500"))), "");

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void unparseableRetryAfterIsIgnored() {
        ProviderException e = UpstreamFailures.ofStatus("c", 429, headers(Map.of(
                "Retry-After", List.of("Wed, 21 Oct 2015 07:28:00 GMT"))), "");

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAfter()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreUpstreamErrors(int status) {
        ProviderException e = UpstreamFailures.ofStatus("c", status, NO_HEADERS, error("internal: secret detail"));

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.getMessage()).doesNotContain("secret detail");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void gatewayTimeoutIsATimeout() {
        ProviderException e = UpstreamFailures.ofStatus("c", 504, NO_HEADERS, "");

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.upstreamStatus()).isEqualTo(504);
    }
}
