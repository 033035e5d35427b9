package io.aigw.jca.provider.gemini;

import io.aigw.codec.gemini.GeminiErrors;
import io.aigw.codec.gemini.GeminiErrors.GeminiError;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.provider.http.UpstreamFailures;
import java.net.http.HttpHeaders;

/**
 * Gemini's error statuses: the common mapping of {@link UpstreamFailures}, refined by the Google error envelope. An
 * invalid API key comes as HTTP 400 with reason {@code API_KEY_INVALID} and is an authentication failure; a rate limit
 * says when to retry in its {@code RetryInfo} detail, used when no {@code Retry-After} header came.
 */
final class GeminiFailures {

    private GeminiFailures() {
    }

    static ProviderException ofStatus(String connection, int status, HttpHeaders headers, String body) {
        ProviderException common = UpstreamFailures.ofStatus(connection, status, headers, body);
        GeminiError error = GeminiErrors.read(body);
        if (status == 400 && "API_KEY_INVALID".equals(error.reason())) {
            return new ProviderException(Kind.AUTHENTICATION, "The upstream of connection '" + connection
                    + "' rejected the gateway's API key (HTTP 400, API_KEY_INVALID). An administrator must check the "
                    + "connection's authData.", status, null, null);
        }
        if (common.kind() == Kind.RATE_LIMITED && common.retryAfter() == null && error.retryDelay() != null) {
            return new ProviderException(Kind.RATE_LIMITED, common.getMessage(), status, error.retryDelay(), null);
        }
        return common;
    }

    /** An {@code error} object sent inside an event stream. */
    static ProviderException inStream(String connection, GeminiError error) {
        String where = "The upstream of connection '" + connection + "'";
        if (error.code() == 429 || "RESOURCE_EXHAUSTED".equals(error.status())) {
            return new ProviderException(Kind.RATE_LIMITED, where + " is rate limiting requests (in the stream).",
                    429, error.retryDelay(), null);
        }
        return new ProviderException(Kind.UPSTREAM_ERROR, where + " reported an error in the stream"
                + (error.status() == null ? "." : " (" + error.status() + ")."));
    }
}
