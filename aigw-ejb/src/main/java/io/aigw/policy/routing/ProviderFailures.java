package io.aigw.policy.routing;

import io.aigw.jca.api.ProviderException;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import java.time.Duration;

/**
 * Translates provider failures for the client: upstream 401/403 become 502 (the gateway's own credentials are wrong,
 * not the caller's), 404 stays 404, 429 keeps its {@code Retry-After}, 5xx/unreachable/unreadable become 502, timeouts
 * 504. Messages are the adapter's own, which never carry upstream bodies or credentials.
 */
public final class ProviderFailures {

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private ProviderFailures() {
    }

    public static GatewayException map(ProviderException e) {
        return switch (e.kind()) {
            case AUTHENTICATION -> new GatewayException(Problem.PROVIDER_AUTHENTICATION, e.getMessage(), null, null, e);
            case NOT_FOUND -> new GatewayException(Problem.UNKNOWN_MODEL, e.getMessage(), "model", null, e);
            case BAD_REQUEST -> new GatewayException(Problem.INVALID_REQUEST, e.getMessage(), null, null, e);
            case RATE_LIMITED -> new GatewayException(Problem.RATE_LIMITED, e.getMessage(), null,
                    e.retryAfter() == null ? DEFAULT_RETRY_AFTER : e.retryAfter(), e);
            case UPSTREAM_ERROR, UNREACHABLE, BAD_RESPONSE ->
                    new GatewayException(Problem.PROVIDER_FAILED, e.getMessage(), null, e.retryAfter(), e);
            case TIMEOUT -> new GatewayException(Problem.PROVIDER_TIMEOUT, e.getMessage(), null, null, e);
            case UNSUPPORTED -> new GatewayException(Problem.UNSUPPORTED_BY_MODEL, e.getMessage(), "model", null, e);
            case NOT_CONFIGURED -> new GatewayException(Problem.CONNECTION_NOT_CONFIGURED, e.getMessage(), null, null, e);
        };
    }
}
